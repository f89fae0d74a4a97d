package com.evplatform.reconciliation;

import com.evplatform.testsupport.ArchitectureRules;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

@AnalyzeClasses(packages = "com.evplatform.reconciliation", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    @ArchTest
    static final ArchRule no_direct_broker_access = ArchitectureRules.NO_DIRECT_BROKER_ACCESS;

    @ArchTest
    static final ArchRule domain_without_spring = ArchitectureRules.DOMAIN_WITHOUT_SPRING;
}
