package com.evplatform.order;

import com.evplatform.testsupport.PlatformInfrastructure;
import com.evplatform.testsupport.ReadinessWithoutBrokerAndRedisIT;

@PlatformInfrastructure(schema = "orders")
class OrderServiceReadinessIT extends ReadinessWithoutBrokerAndRedisIT {
}
