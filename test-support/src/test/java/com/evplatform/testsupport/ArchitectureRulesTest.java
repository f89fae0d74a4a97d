package com.evplatform.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import com.evplatform.testsupport.fixture.SneakyPublisher;
import com.tngtech.archunit.core.importer.ClassFileImporter;

class ArchitectureRulesTest {

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
}
