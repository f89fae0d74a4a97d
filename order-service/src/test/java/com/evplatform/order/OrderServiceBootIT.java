package com.evplatform.order;

import com.evplatform.testsupport.PlatformInfrastructure;
import com.evplatform.testsupport.ServiceBootIT;

@PlatformInfrastructure(schema = "orders")
class OrderServiceBootIT extends ServiceBootIT {
}
