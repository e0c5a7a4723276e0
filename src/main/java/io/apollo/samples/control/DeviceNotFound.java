package io.apollo.samples.control;

import io.apollo.envelope.control.Rejection;

public class DeviceNotFound extends Rejection {

    public DeviceNotFound() {
        super(Kind.NOT_FOUND, "Device not found");
    }
}
