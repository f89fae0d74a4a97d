package com.evplatform.charging;

import com.evplatform.testsupport.PlatformInfrastructure;
import com.evplatform.testsupport.ServiceBootIT;

@PlatformInfrastructure(schema = "charging")
class ChargingServiceBootIT extends ServiceBootIT {
}
