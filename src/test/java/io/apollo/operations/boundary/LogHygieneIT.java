package io.apollo.operations.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.apollo.testing.Api;
import io.apollo.testing.Samples;
import io.apollo.testing.ServerLog;
import io.apollo.testing.ServerTest;
import io.apollo.testing.TestTokens;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** What the server logs, on either server: no credential, and no alarm for what is normal. */
class LogHygieneIT extends ServerTest {

    /** A frame of a stack trace, as Payara ({@code at a.B.c(}) and WildFly ({@code at module@1.0//a.B.c(}) write it. */
    private static final Pattern STACK_FRAME = Pattern.compile("^\\s+at \\S+\\(", Pattern.MULTILINE);
    /** A record above INFO, in Payara's (WARNING, SEVERE) or WildFly's (WARN, ERROR) words. */
    private static final Pattern ALARM = Pattern.compile("^.*\\b(WARN|WARNING|SEVERE|ERROR)\\b.*$", Pattern.MULTILINE);

    /**
     * Tokens wherever clients put them (the header, query parameters the API does not read, one it
     * reads, the path), accepted or refused: none of their text reaches the log.
     */
    @Test
    void noTokenIsLogged() throws Exception {
        String device = Api.newDevice();
        String valid = TestTokens.groups("apollo_read").collections("c").sign();
        String forged = TestTokens.groups("apollo_read").collections("c").signedWithAnotherKey().sign();
        String expired = TestTokens.groups("apollo_read").collections("c").expired().sign();
        ServerLog log = ServerLog.fromNow();
        List<String> ids = new ArrayList<>();
        for (String token : List.of(valid, forged, expired)) {
            String id = "token-" + UUID.randomUUID();
            ids.add(id);
            api.get(device, "limit=1").token(token).header(CorrelationId.HEADER, id).send();
            for (String name : List.of("access_token", "token", "id_token", "jwt", "Authorization", "metric")) {
                id = "token-" + UUID.randomUUID();
                ids.add(id);
                api.get(device, name + "=" + token).header(CorrelationId.HEADER, id).send();
            }
            id = "token-" + UUID.randomUUID();
            ids.add(id);
            api.get(token, "limit=1").token(valid).header(CorrelationId.HEADER, id).send();
        }
        String last = "correlationId=" + ids.get(ids.size() - 1);
        String written = log.writtenOnce(text -> text.contains(last));
        for (String id : ids) {
            assertEquals(1, count(written, " correlationId=" + id), id + " in " + written);
        }
        for (String token : List.of(valid, forged, expired)) {
            String signature = token.substring(token.lastIndexOf('.') + 1);
            assertFalse(written.contains(signature), written);
            assertFalse(written.contains(token.split("\\.")[1]), written);
        }
    }

    /**
     * Each refused token gets one WARNING line with the request's correlation id and the reason,
     * on either server, and no stack trace: what an operator needs when an identity provider's
     * tokens are refused (docs/identity-providers.md).
     */
    @Test
    void aRefusedTokenIsExplainedInOneLineWithItsCorrelationId() throws Exception {
        String device = Api.newDevice();
        Map<String, String> reasons = new LinkedHashMap<>();
        reasons.put(TestTokens.groups("apollo_read").issuer("https://idp.example.com/realms/other").sign(),
                "issuer 'https://idp.example.com/realms/other' is not the configured '" + TestTokens.ISSUER + "'");
        reasons.put(TestTokens.groups("apollo_read").audience("account").sign(),
                "audience 'account' is none of the configured '" + TestTokens.AUDIENCE + "'");
        reasons.put(TestTokens.groups("apollo_read").expiresAt(Instant.now().minusSeconds(600)).sign(), "it expired at ");
        reasons.put(TestTokens.groups("apollo_read").signedWithAnotherKey().sign(),
                "its signature was not verified with the configured keys");
        reasons.put("not-a-jwt", "not a JWT");
        ServerLog log = ServerLog.fromNow();
        Map<String, String> ids = new LinkedHashMap<>();
        for (String token : reasons.keySet()) {
            String id = "refused-" + UUID.randomUUID();
            ids.put(token, id);
            api.get(device, "limit=1").token(token).header(CorrelationId.HEADER, id).send()
                    .assertError(401, "Missing or invalid bearer token");
        }
        String last = "Token refused (correlationId=" + ids.get("not-a-jwt") + "): ";
        String written = log.writtenOnce(text -> text.contains(last));
        for (Map.Entry<String, String> refused : reasons.entrySet()) {
            String line = "Token refused (correlationId=" + ids.get(refused.getKey()) + "): " + refused.getValue();
            assertEquals(1, count(written, line), line + " in " + written);
            String token = refused.getKey();
            assertFalse(written.contains(token.substring(token.lastIndexOf('.') + 1)), written);
        }
        assertTrue(Pattern.compile("^.*\\bWARN(ING)?\\b.*Token refused \\(correlationId=" + Pattern.quote(ids.get("not-a-jwt")),
                Pattern.MULTILINE).matcher(written).find(), written);
        assertFalse(STACK_FRAME.matcher(written).find(), written);
    }

    /**
     * New devices registering at once, and first batches racing to register the same device
     * (the losers go on with the winner's row): all accepted, and the log says no more than
     * their access lines, with no warning and no stack trace (WildFly's connection manager and
     * EclipseLink used to log both).
     */
    @Test
    void registeringDevicesAndLosingTheRaceLogsNoWarningOrStackTrace() throws Exception {
        String token = TestTokens.groups("apollo_write").collections("log-hygiene").sign();
        ServerLog log = ServerLog.fromNow();
        String raced = Api.newDevice();
        List<CompletableFuture<Api.Reply>> replies = new ArrayList<>();
        for (int i = 0; i < 64; i++) {
            replies.add(api.post(Api.newDevice()).token(token).body(Samples.batchOf(2)).sendAsync());
        }
        for (int i = 0; i < 32; i++) {
            replies.add(api.post(raced).token(token).body(Samples.batchOf(2)).sendAsync());
        }
        for (CompletableFuture<Api.Reply> reply : replies) {
            reply.join().assertAccepted();
        }
        String written = log.writtenOnce(text -> count(text, " status=202 ") >= replies.size());
        assertEquals(replies.size(), count(written, " status=202 "), written);
        assertFalse(STACK_FRAME.matcher(written).find(), written);
        assertFalse(ALARM.matcher(written).find(), written);
    }

    private static int count(String text, String part) {
        int count = 0;
        for (int at = text.indexOf(part); at >= 0; at = text.indexOf(part, at + part.length())) {
            count++;
        }
        return count;
    }
}
