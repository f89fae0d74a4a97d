package com.evplatform.testsupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import com.evplatform.testsupport.fixture.SneakyPublisher;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.ArchRule;

class ArchitectureRulesTest {

    private static final String LAYERS = "com.evplatform.testsupport.fixture.layers.";
    private static final JavaClasses VIOLATING = new ClassFileImporter().importPackages(LAYERS + "violating");
    private static final JavaClasses CLEAN = new ClassFileImporter().importPackages(LAYERS + "clean");

    @Test
    void a_class_that_publishes_with_rabbit_template_directly_breaks_the_rule() {
        var classes = new ClassFileImporter().importClasses(SneakyPublisher.class);

        var result = ArchitectureRules.NO_DIRECT_BROKER_ACCESS.evaluate(classes);

        assertThat(result.hasViolation()).isTrue();
        assertThat(result.getFailureReport().toString()).contains("SneakyPublisher").contains("RabbitTemplate");
    }

    @Test
    void a_class_without_broker_access_passes() {
        var classes = new ClassFileImporter().importClasses(HealthProbe.class);

        assertThat(ArchitectureRules.NO_DIRECT_BROKER_ACCESS.evaluate(classes).hasViolation()).isFalse();
    }

    @Test
    void an_application_class_that_uses_an_infrastructure_class_breaks_the_application_rule() {
        assertThatThrownBy(() -> ArchitectureRules.APPLICATION_WITHOUT_ADAPTERS.check(VIOLATING))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining(LAYERS + "violating.application.StartingCharge")
                .hasMessageContaining(LAYERS + "violating.infrastructure.ChargerClient");
    }

    @Test
    void a_controller_that_uses_an_infrastructure_class_breaks_the_web_rule() {
        var report = ArchitectureRules.WEB_WITHOUT_INFRASTRUCTURE.evaluate(VIOLATING).getFailureReport();

        assertThat(report.isEmpty()).isFalse();
        assertThat(report.getDetails()).allSatisfy(line -> assertThat(line)
                .contains(LAYERS + "violating.web.ChargeController")
                .contains(LAYERS + "violating.infrastructure.ChargerClient"));
    }

    @Test
    void a_model_class_that_uses_a_use_case_breaks_the_model_rule() {
        var report = ArchitectureRules.MODEL_WITHOUT_OUTER_LAYERS.evaluate(VIOLATING).getFailureReport();

        assertThat(report.isEmpty()).isFalse();
        assertThat(report.getDetails()).allSatisfy(line -> assertThat(line)
                .contains(LAYERS + "violating.model.Charge")
                .contains(LAYERS + "violating.application.StartingCharge"));
    }

    @Test
    void the_application_rule_reports_only_application_classes() {
        // The violating fixture's controller and model break other rules, not this one.
        var details = ArchitectureRules.APPLICATION_WITHOUT_ADAPTERS.evaluate(VIOLATING).getFailureReport()
                .getDetails();

        assertThat(details).isNotEmpty().allSatisfy(line -> assertThat(line)
                .matches("\\w+ <" + Pattern.quote(LAYERS + "violating.application.") + ".*"));
    }

    @Test
    void a_service_whose_use_cases_reach_adapters_through_ports_keeps_every_rule() {
        for (ArchRule rule : List.of(ArchitectureRules.APPLICATION_WITHOUT_ADAPTERS,
                ArchitectureRules.WEB_WITHOUT_INFRASTRUCTURE, ArchitectureRules.MODEL_WITHOUT_OUTER_LAYERS,
                ArchitectureRules.DOMAIN_WITHOUT_SPRING, ArchitectureRules.NO_DIRECT_BROKER_ACCESS)) {
            assertThatCode(() -> rule.check(CLEAN)).doesNotThrowAnyException();
        }
    }
}
