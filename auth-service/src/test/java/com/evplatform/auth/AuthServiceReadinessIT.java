package com.evplatform.auth;

import com.evplatform.testsupport.PlatformInfrastructure;
import com.evplatform.testsupport.ReadinessWithoutBrokerAndRedisIT;

@PlatformInfrastructure(schema = "auth")
class AuthServiceReadinessIT extends ReadinessWithoutBrokerAndRedisIT {
}
