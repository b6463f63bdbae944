package be.meterkast;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/** The package tree is the architecture: these rules keep it that way for the main code. */
@AnalyzeClasses(packages = "be.meterkast", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    @ArchTest
    static final ArchRule top_level_packages_have_no_cycles = slices().matching("be.meterkast.(*)..")
            .should().beFreeOfCycles()
            .because("data flows one way, and a package can only be understood on its own when nothing it uses"
                    + " uses it back");

    @ArchTest
    static final ArchRule domain_depends_on_nothing_but_java = classes().that().resideInAPackage("be.meterkast.domain..")
            .should().onlyDependOnClassesThat().resideInAnyPackage("be.meterkast.domain..", "java..")
            .because("the domain names the energy facts; wire codes, storage codes and frameworks stay at the edges");

    @ArchTest
    static final ArchRule configuration_depends_on_nothing_but_java = classes().that()
            .resideInAPackage("be.meterkast.config..")
            .should().onlyDependOnClassesThat().resideInAnyPackage("be.meterkast.config..", "java..")
            .because("every package reads its settings through it, so it must sit below all of them");

    @ArchTest
    static final ArchRule analysis_depends_on_nothing_but_the_domain = classes().that()
            .resideInAPackage("be.meterkast.analysis..")
            .should().onlyDependOnClassesThat().resideInAnyPackage("be.meterkast.analysis..", "be.meterkast.domain..",
                    "java..")
            .because("analysis is pure functions over domain records: no I/O, no clock, no framework");

    @ArchTest
    static final ArchRule csv_parsing_depends_on_nothing_but_the_domain = classes().that()
            .resideInAPackage("be.meterkast.csvimport..")
            .should().onlyDependOnClassesThat().resideInAnyPackage("be.meterkast.csvimport..", "be.meterkast.domain..",
                    "java..")
            .because("reading a Mijn Fluvius file is pure: lines in, domain readings out, no I/O, no framework");

    @ArchTest
    static final ArchRule store_does_not_know_fluvius = noClasses().that().resideInAPackage("be.meterkast.store..")
            .should().dependOnClassesThat().resideInAPackage("be.meterkast.fluvius..")
            .because("the database keeps its own codes and records; sync translates between Fluvius and the store");

    @ArchTest
    static final ArchRule only_the_cli_starts_the_simulator = noClasses().that()
            .resideOutsideOfPackages("be.meterkast.fluvius.sim..", "be.meterkast.cli..")
            .should().dependOnClassesThat().resideInAPackage("be.meterkast.fluvius.sim..")
            .because("the simulator stands in for Fluvius in tests and the demo, never inside the portal");

    @ArchTest
    static final ArchRule simulator_does_not_use_the_client = noClasses().that()
            .resideInAPackage("be.meterkast.fluvius.sim..")
            .should().dependOnClassesThat().resideInAPackage("be.meterkast.fluvius")
            .because("a simulator that encoded with the client's own mapping would agree with any wrong mapping");

    @ArchTest
    static final ArchRule mqtt_reads_postgresql_never_fluvius = noClasses().that().resideInAPackage("be.meterkast.mqtt..")
            .should().dependOnClassesThat().resideInAnyPackage("be.meterkast.fluvius..", "be.meterkast.web..",
                    "be.meterkast.server..")
            .because("Home Assistant gets what the pages show, read from PostgreSQL through app and store: a slow or"
                    + " down Fluvius never reaches it, and it sits beside web, not on it");
}
