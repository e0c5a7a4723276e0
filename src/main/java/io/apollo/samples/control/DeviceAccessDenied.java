package io.apollo.samples.control;

import io.apollo.envelope.control.Rejection;

public class DeviceAccessDenied extends Rejection {

    public DeviceAccessDenied(String reason) {
        super(Kind.FORBIDDEN, reason);
    }
}
