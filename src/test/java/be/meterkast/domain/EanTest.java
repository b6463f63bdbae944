package be.meterkast.domain;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class EanTest {

    @Test
    @DisplayName("an EAN with the right GS1 check digit is accepted, spaces ignored")
    void valid() {
        String first17 = "54144882000000001";
        String ean = first17 + Ean.checkDigit(first17);

        assertThat(Ean.problem(ean)).isEmpty();
        assertThat(Ean.problem(ean.substring(0, 6) + " " + ean.substring(6))).isEmpty();
    }

    @Test
    @DisplayName("the GS1 check digit matches a published example")
    void knownCheckDigit() {
        // GTIN-13 4006381333931 is GS1's own worked example.
        assertThat(Ean.checkDigit("400638133393")).isEqualTo(1);
    }

    @Test
    @DisplayName("a wrong check digit, wrong length or letters are explained")
    void invalid() {
        String first17 = "54144882000000001";
        int wrong = (Ean.checkDigit(first17) + 1) % 10;

        assertThat(Ean.problem(first17 + wrong)).get().asString().contains("check digit");
        assertThat(Ean.problem("5414488")).get().asString().contains("18 digits");
        assertThat(Ean.problem("54144882000000001X")).get().asString().contains("only digits");
    }
}
