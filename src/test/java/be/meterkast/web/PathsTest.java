package be.meterkast.web;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;

import static org.assertj.core.api.Assertions.assertThat;

class PathsTest {

    @Test
    @DisplayName("the builders templates use give the URLs the routers declare")
    void builders() {
        Paths.View paths = Paths.VIEW;
        assertThat(paths.householdAccountPassword(3, 7)).isEqualTo("/households/3/accounts/7/password");
        assertThat(paths.householdAccountDiagnostics(3, 7)).isEqualTo("/households/3/accounts/7/diagnostics");
        assertThat(paths.householdMeters(3)).isEqualTo("/households/3/meters");
        assertThat(paths.householdInvites(3)).isEqualTo("/households/3/invites");
        assertThat(paths.meterDay(5, LocalDate.of(2025, 6, 30))).isEqualTo("/meters/5/day/2025-06-30");
        assertThat(paths.meterRefresh(5)).isEqualTo("/meters/5/refresh");
        assertThat(paths.meter(5, "days=30")).isEqualTo("/meters/5?days=30");
        assertThat(paths.export(5, "wide.csv", "month=2025-06")).isEqualTo("/export/meters/5/wide.csv?month=2025-06");
        assertThat(paths.compareWithPreviousYear(5, "month=2025-06"))
                .isEqualTo("/compare?meter=5&month=2025-06&against=previous-year");
        assertThat(paths.adminUserDelete(9)).isEqualTo("/admin/users/9/delete");
        assertThat(paths.accountLanguage()).isEqualTo("/account/language");
        assertThat(paths.uplot("dist/uPlot.min.css")).isEqualTo("/webjars/uplot/1.6.30/dist/uPlot.min.css");
        assertThat(paths.asset("charts.js")).isEqualTo("/static/charts.js");
    }
}
