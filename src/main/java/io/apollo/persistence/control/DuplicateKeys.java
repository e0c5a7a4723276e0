package io.apollo.persistence.control;

import java.sql.SQLException;

/** Recognises a failure caused by another transaction having inserted the same key first. */
public final class DuplicateKeys {

    private DuplicateKeys() {
    }

    /** SQLSTATE class 23 (integrity constraint violation) anywhere in the cause chain. */
    public static boolean causedBy(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLException sql && sql.getSQLState() != null && sql.getSQLState().startsWith("23")) {
                return true;
            }
        }
        return false;
    }
}
