package com.evplatform.device;

import com.evplatform.testsupport.PlatformInfrastructure;
import com.evplatform.testsupport.ReadinessWithoutBrokerAndRedisIT;

@PlatformInfrastructure(schema = "device")
class DeviceServiceReadinessIT extends ReadinessWithoutBrokerAndRedisIT {
}
