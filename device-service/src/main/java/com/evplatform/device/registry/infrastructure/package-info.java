/** Persistence of the registry, and the live charger state in Redis. */
package com.evplatform.device.registry.infrastructure;
