package com.evplatform.auth;

import com.evplatform.testsupport.PlatformInfrastructure;
import com.evplatform.testsupport.ServiceBootIT;

@PlatformInfrastructure(schema = "auth")
class AuthServiceBootIT extends ServiceBootIT {
}
