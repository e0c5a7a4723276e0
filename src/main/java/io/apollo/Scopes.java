package io.apollo;

/** Token scopes, used as roles. */
public final class Scopes {

    public static final String APOLLO_WRITE = "apollo_write";
    public static final String WRITE = "write";
    public static final String APOLLO_READ = "apollo_read";
    public static final String READ = "read";

    private Scopes() {
    }
}
