/** Use cases of the registry: stations, tariffs, chargers, QR resolution, device authentication. */
package com.evplatform.device.registry.application;
