/** Which chargers' handshakes device-service takes on now: bounded concurrent checks, attempt limits by address and id. */
package com.evplatform.device.ocpp.admission;
