package com.evplatform.testsupport;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.lang.ArchRule;

/**
 * Architecture rules every service checks against its own classes ({@link ServiceArchitectureTest}
 * runs them all).
 *
 * <p>Services package by feature, then by role: {@code <feature>.model} (aggregates and value
 * types), {@code <feature>.application} (use cases and the ports they need),
 * {@code <feature>.infrastructure} (adapters: repositories, clients, Redis, messaging) and
 * {@code <feature>.web} (controllers). Dependencies point inwards: web and infrastructure use
 * application and model, application uses model, model uses nothing of the service's outer roles.
 * An application class that needs an adapter declares a port (an interface in application or
 * model) and the infrastructure class implements it.
 */
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

    private static final String APPLICATION = "com.evplatform..application..";
    private static final String INFRASTRUCTURE = "com.evplatform..infrastructure..";
    private static final String WEB = "com.evplatform..web..";
    private static final String MODEL = "com.evplatform..model..";

    /** Use cases reach adapters through ports they declare, and know nothing of HTTP controllers. */
    public static final ArchRule APPLICATION_WITHOUT_ADAPTERS = noClasses()
            .that().resideInAPackage(APPLICATION)
            .should().dependOnClassesThat().resideInAnyPackage(INFRASTRUCTURE, WEB)
            .allowEmptyShould(true)
            .because("application code declares the ports it needs (interfaces in application or model) and "
                    + "infrastructure implements them; web calls application, never the other way round");

    /** Controllers call use cases; they do not reach around them into repositories or clients. */
    public static final ArchRule WEB_WITHOUT_INFRASTRUCTURE = noClasses()
            .that().resideInAPackage(WEB)
            .should().dependOnClassesThat().resideInAPackage(INFRASTRUCTURE)
            .allowEmptyShould(true)
            .because("controllers go through the application layer, which owns transactions and rules");

    /** The model is the centre: it depends on no use case, controller or adapter. */
    public static final ArchRule MODEL_WITHOUT_OUTER_LAYERS = noClasses()
            .that().resideInAPackage(MODEL)
            .should().dependOnClassesThat().resideInAnyPackage(APPLICATION, WEB, INFRASTRUCTURE)
            .allowEmptyShould(true)
            .because("aggregates and value types are used by every layer and use none of them");
}
