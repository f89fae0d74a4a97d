package com.evplatform.testsupport;

import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * Every {@link ArchitectureRules rule} a service's classes must keep. A service's test names
 * its root package and inherits the rules:
 *
 * <pre>{@code
 * @AnalyzeClasses(packages = "com.evplatform.auth", importOptions = ImportOption.DoNotIncludeTests.class)
 * class ArchitectureTest extends ServiceArchitectureTest {
 * }
 * }</pre>
 *
 * ArchUnit's JUnit 5 engine runs the {@code @ArchTest} fields of superclasses; {@code @AnalyzeClasses}
 * is not inherited, so it stays on the service's class.
 */
public abstract class ServiceArchitectureTest {

    @ArchTest
    static final ArchRule no_direct_broker_access = ArchitectureRules.NO_DIRECT_BROKER_ACCESS;

    @ArchTest
    static final ArchRule domain_without_spring = ArchitectureRules.DOMAIN_WITHOUT_SPRING;

    @ArchTest
    static final ArchRule application_without_adapters = ArchitectureRules.APPLICATION_WITHOUT_ADAPTERS;

    @ArchTest
    static final ArchRule web_without_infrastructure = ArchitectureRules.WEB_WITHOUT_INFRASTRUCTURE;

    @ArchTest
    static final ArchRule model_without_outer_layers = ArchitectureRules.MODEL_WITHOUT_OUTER_LAYERS;
}
