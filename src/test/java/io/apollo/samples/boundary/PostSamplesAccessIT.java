package io.apollo.samples.boundary;

import static io.apollo.testing.Samples.batch;
import static io.apollo.testing.Samples.sample;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.apollo.testing.Api;
import io.apollo.testing.ServerTest;
import io.apollo.testing.TestTokens;
import jakarta.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Who may POST: the token (401), its scopes (403), and the collections rule of SPEC §2. */
class PostSamplesAccessIT extends ServerTest {

    private static final String BATCH = batch(sample("a", "1", "2020-01-01T00:00:00Z"));

    private String device;

    @BeforeEach
    void newDevice() {
        device = Api.newDevice();
    }

    private Api.Reply post(String token) {
        return post(token, null);
    }

    private Api.Reply post(String token, String collection) {
        return api.post(device).token(token).header("erCollectionId", collection).body(BATCH).send();
    }

    private void assertUnauthorized(Api.Reply reply) {
        reply.assertError(401, "Missing or invalid bearer token");
        assertEquals("Bearer", reply.header("WWW-Authenticate"));
    }

    private void assertNothingStored() {
        assertFalse(api.stored(device).getBoolean("exists"));
    }

    @Test
    void postWithoutTokenIs401() {
        assertUnauthorized(api.post(device).body(BATCH).send());
        assertUnauthorized(api.post(device).header("Authorization", "Basic dXNlcjpwYXNz").body(BATCH).send());
        assertNothingStored();
    }

    @Test
    void malformedTokenIs401() {
        assertUnauthorized(post("not-a-jwt"));
        assertUnauthorized(post("eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4In0."));
        assertNothingStored();
    }

    @Test
    void tokenSignedWithAnotherKeyIs401() {
        assertUnauthorized(post(TestTokens.groups("apollo_write").collections("c1").signedWithAnotherKey().sign()));
        assertNothingStored();
    }

    @Test
    void expiredTokenIs401() {
        assertUnauthorized(post(TestTokens.groups("apollo_write").collections("c1").expired().sign()));
        assertNothingStored();
    }

    @Test
    void tokenFromAnotherIssuerIs401() {
        assertUnauthorized(post(TestTokens.groups("apollo_write").collections("c1").issuer("https://evil.example").sign()));
        assertNothingStored();
    }

    @Test
    void tokenForAnotherAudienceIs401() {
        assertUnauthorized(post(TestTokens.groups("apollo_write").collections("c1").audience("another-api").sign()));
        assertNothingStored();
    }

    @Test
    void readOnlyScopeIs403() {
        post(TestTokens.groups("apollo_read", "read").collections("c1").sign()).assertError(403, "Insufficient scope");
        post(TestTokens.scope("apollo_read read").collections("c1").sign()).assertError(403, "Insufficient scope");
        post(TestTokens.groups().collections("c1").sign()).assertError(403, "Insufficient scope");
        assertNothingStored();
    }

    @Test
    void writeScopeInGroupsIsAccepted() {
        post(TestTokens.groups("write").collections("c1").sign()).assertAccepted();
        assertEquals("c1", api.stored(device).getString("collection"));
    }

    @Test
    void scopeGivenAsOneScopeStringIsAccepted() {
        post(TestTokens.scope("openid apollo_read,apollo_write").collections("c1").sign()).assertAccepted();
        post(TestTokens.scope("write").collections("c1").sign()).assertAccepted();
        assertEquals(1, api.stored(device).getJsonArray("samples").size());
    }

    @Test
    void collectionsClaimMayBeOneString() {
        post(TestTokens.groups("apollo_write").collectionsString("c1, c2").sign(), "c2").assertAccepted();
        assertEquals("c2", api.stored(device).getString("collection"));
    }

    @Test
    void newDeviceJoinsTheCollectionInTheHeader() {
        post(TestTokens.groups("apollo_write").collections("c1", "c2").sign(), "c2").assertAccepted();
        assertEquals("c2", api.stored(device).getString("collection"));
    }

    @Test
    void headerNameIsCaseInsensitive() {
        api.post(device).token(TestTokens.groups("apollo_write").collections("c1", "c2").sign())
                .header("ERCOLLECTIONID", "c2").body(BATCH).send().assertAccepted();
        assertEquals("c2", api.stored(device).getString("collection"));
    }

    @Test
    void newDeviceJoinsTheCallersOnlyCollection() {
        post(TestTokens.groups("apollo_write").collections("only").sign()).assertAccepted();
        assertEquals("only", api.stored(device).getString("collection"));
    }

    @Test
    void callerInSeveralCollectionsMustNameOneForANewDevice() {
        post(TestTokens.groups("apollo_write").collections("c1", "c2").sign())
                .assertError(400, "erCollectionId header required");
        assertNothingStored();
    }

    @Test
    void callerInNoCollectionIs403() {
        post(TestTokens.groups("apollo_write").sign()).assertError(403, "User does not belong to any collection");
        assertNothingStored();
    }

    @Test
    void headerNamingAForeignCollectionIs403() {
        post(TestTokens.groups("apollo_write").collections("c1").sign(), "c2")
                .assertError(403, "User does not have access to collection");
        assertNothingStored();
    }

    @Test
    void callerOutsideTheDevicesCollectionIs403() {
        post(TestTokens.groups("apollo_write").collections("c1").sign()).assertAccepted();

        post(TestTokens.groups("apollo_write").collections("c2").sign())
                .assertError(403, "User does not have access to device");
        api.post(device).token(TestTokens.groups("apollo_write").collections("c2").sign())
                .body(batch(sample("b", "2", "2020-01-01T00:00:00Z"))).send()
                .assertError(403, "User does not have access to device");

        JsonObject stored = api.stored(device);
        assertEquals("c1", stored.getString("collection"));
        assertEquals(1, stored.getJsonArray("samples").size());
    }

    @Test
    void headerDifferentFromTheDevicesCollectionIs403() {
        String member = TestTokens.groups("apollo_write").collections("c1", "c2").sign();
        post(member, "c1").assertAccepted();

        post(member, "c2").assertError(403, "User does not have access to device");
        post(member, "c1").assertAccepted();
        post(member).assertAccepted();
    }

    @Test
    void racingFirstWritesCreateOneDevice() {
        for (int round = 0; round < 5; round++) {
            device = Api.newDevice();
            List<CompletableFuture<Api.Reply>> replies = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                replies.add(api.post(device).token(TestTokens.groups("apollo_write").collections("c1").sign())
                        .body(batch(sample("t" + i, String.valueOf(i), "2020-01-01T00:00:00Z"))).sendAsync());
            }
            replies.forEach(reply -> reply.join().assertAccepted());

            JsonObject stored = api.stored(device);
            assertEquals("c1", stored.getString("collection"));
            assertEquals(8, stored.getJsonArray("samples").size());
        }
    }

    @Test
    void racingFirstWritesFromTwoCollectionsLetOneWinAndNeitherGetA5xx() {
        for (int round = 0; round < 5; round++) {
            device = Api.newDevice();
            List<CompletableFuture<Api.Reply>> replies = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                String collection = i % 2 == 0 ? "even" : "odd";
                replies.add(api.post(device).token(TestTokens.groups("apollo_write").collections(collection).sign())
                        .body(batch(sample(collection, String.valueOf(i), "2020-01-01T00:00:00Z"))).sendAsync());
            }
            List<String> accepted = new ArrayList<>();
            for (int i = 0; i < replies.size(); i++) {
                Api.Reply reply = replies.get(i).join();
                if (reply.status() == 202) {
                    reply.assertAccepted();
                    accepted.add(i % 2 == 0 ? "even" : "odd");
                } else {
                    reply.assertError(403, "User does not have access to device");
                }
            }

            JsonObject stored = api.stored(device);
            String winner = stored.getString("collection");
            assertTrue(accepted.stream().allMatch(winner::equals), winner + " " + accepted);
            assertEquals(4, accepted.size(), accepted.toString());
            assertEquals(List.of(winner), stored.getJsonArray("samples").getValuesAs(JsonObject.class).stream()
                    .map(row -> row.getString("timeseriesId")).distinct().toList());
        }
    }
}
