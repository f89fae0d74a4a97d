package com.evplatform.testsupport;

import com.tngtech.archunit.junit.AnalyzeClasses;

/**
 * {@link ServiceArchitectureTest} as a service uses it, on the clean fixture: the inherited
 * {@code @ArchTest} fields run here (the surefire report lists each rule) and pass.
 */
@AnalyzeClasses(packages = "com.evplatform.testsupport.fixture.layers.clean")
class CleanFixtureArchitectureTest extends ServiceArchitectureTest {
}
