package io.apollo.security.control;

import static org.junit.jupiter.api.Assertions.assertEquals;

import jakarta.json.Json;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ClaimValuesTest {

    @Test
    void splitsAScopeStringOnSpacesAndCommas() {
        assertEquals(Set.of("apollo_read", "apollo_write", "openid"), ClaimValues.of(" apollo_read,apollo_write  openid,"));
    }

    @Test
    void readsJsonArraysAndStrings() {
        assertEquals(Set.of("a", "b"), ClaimValues.of(Json.createArrayBuilder().add("a").add("b").build()));
        assertEquals(Set.of("a", "b"), ClaimValues.of(Json.createValue("a b")));
    }

    @Test
    void readsJavaCollections() {
        assertEquals(Set.of("a", "b"), ClaimValues.of(List.of("a", "b")));
    }

    @Test
    void absentOrOtherClaimsGiveNothing() {
        assertEquals(Set.of(), ClaimValues.of(null));
        assertEquals(Set.of(), ClaimValues.of(42L));
        assertEquals(Set.of(), ClaimValues.of(""));
    }
}
