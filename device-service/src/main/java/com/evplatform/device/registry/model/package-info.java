/** Stations, chargers, connectors and tariffs, with the rules they keep. */
package com.evplatform.device.registry.model;
