package com.evplatform.reconciliation;

import com.evplatform.testsupport.PlatformInfrastructure;
import com.evplatform.testsupport.ServiceBootIT;

@PlatformInfrastructure(schema = "reconciliation")
class ReconciliationServiceBootIT extends ServiceBootIT {
}
