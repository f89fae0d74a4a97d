package com.evplatform.testsupport;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.lang.ArchRule;

/** Architecture rules every service checks against its own classes. */
public final class ArchitectureRules {

    private ArchitectureRules() {
    }

    /**
     * Domain messages go through common-messaging's outbox and consumers (confirms, acks,
     * idempotency); nothing outside the library talks to the broker directly.
     */
    public static final ArchRule NO_DIRECT_BROKER_ACCESS = noClasses()
            .that().resideInAPackage("com.evplatform..")
            .and().resideOutsideOfPackage("com.evplatform.messaging..")
            .should().dependOnClassesThat().haveFullyQualifiedName("org.springframework.amqp.rabbit.core.RabbitTemplate")
            .orShould().dependOnClassesThat().haveFullyQualifiedName("org.springframework.amqp.core.AmqpTemplate")
            .orShould().dependOnClassesThat().haveFullyQualifiedName("org.springframework.amqp.rabbit.core.RabbitOperations")
            .orShould().dependOnClassesThat().resideInAPackage("com.rabbitmq.client..")
            .because("every domain message goes through common-messaging (ARCHITECTURE.md section 3)");

    /** Aggregates and value types carry the rules; they do not depend on Spring (JPA annotations aside). */
    public static final ArchRule DOMAIN_WITHOUT_SPRING = noClasses()
            .that().resideInAPackage("..model..")
            .should().dependOnClassesThat().resideInAPackage("org.springframework..")
            .allowEmptyShould(true)
            .because("domain code stays framework-free (STYLE.md)");
}
