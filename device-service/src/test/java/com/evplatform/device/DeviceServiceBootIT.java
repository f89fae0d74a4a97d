package com.evplatform.device;

import com.evplatform.testsupport.PlatformInfrastructure;
import com.evplatform.testsupport.ServiceBootIT;

@PlatformInfrastructure(schema = "device")
class DeviceServiceBootIT extends ServiceBootIT {
}
