/** What a service's dependencies' health looks like from outside: metrics beside /actuator/health. */
package com.evplatform.service.support.health;
