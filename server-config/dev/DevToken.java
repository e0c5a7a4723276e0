import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

/**
 * DEVELOPMENT ONLY. Mints a bearer token for the service started with the development keys of
 * this folder, using nothing but the JDK:
 *
 *   java server-config/dev/DevToken.java --scope apollo_write --collections testcollection
 *
 * Options: --scope "a b" (space- or comma-separated scopes, sent as the `groups` claim; add
 * --scope-claim to send them as one OAuth `scope` string instead), --collections "c1,c2",
 * --subject NAME, --ttl SECONDS (default 3600), --issuer (default apollo-dev), --audience
 * (default apollo), --key PATH (default: dev-private-key.pem beside this file).
 */
public class DevToken {

    public static void main(String[] args) throws Exception {
        String scope = "apollo_write";
        String collections = "testcollection";
        String subject = "developer";
        String issuer = "apollo-dev";
        String audience = "apollo";
        long ttl = 3600;
        boolean scopeClaim = false;
        Path key = Path.of(System.getProperty("jdk.launcher.sourcefile", "DevToken.java")).toAbsolutePath()
                .resolveSibling("dev-private-key.pem");
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--scope" -> scope = args[++i];
                case "--collections" -> collections = args[++i];
                case "--subject" -> subject = args[++i];
                case "--issuer" -> issuer = args[++i];
                case "--audience" -> audience = args[++i];
                case "--ttl" -> ttl = Long.parseLong(args[++i]);
                case "--key" -> key = Path.of(args[++i]);
                case "--scope-claim" -> scopeClaim = true;
                default -> {
                    System.err.println("Unknown option " + args[i] + "; see the comment at the top of DevToken.java");
                    System.exit(2);
                }
            }
        }
        long now = Instant.now().getEpochSecond();
        String scopes = scopeClaim ? quote(String.join(" ", split(scope))) : array(split(scope));
        String claims = "{\"iss\":" + quote(issuer) + ",\"sub\":" + quote(subject) + ",\"upn\":" + quote(subject)
                + ",\"aud\":" + quote(audience) + ",\"iat\":" + now + ",\"exp\":" + (now + ttl)
                + ",\"jti\":" + quote(UUID.randomUUID().toString())
                + (scopeClaim ? ",\"scope\":" : ",\"groups\":") + scopes
                + ",\"collections\":" + array(split(collections)) + "}";
        String header = "{\"alg\":\"RS256\",\"typ\":\"JWT\"}";
        String signingInput = base64(header.getBytes(StandardCharsets.UTF_8)) + "."
                + base64(claims.getBytes(StandardCharsets.UTF_8));
        Signature rsa = Signature.getInstance("SHA256withRSA");
        rsa.initSign(privateKey(key));
        rsa.update(signingInput.getBytes(StandardCharsets.US_ASCII));
        System.out.println(signingInput + "." + base64(rsa.sign()));
    }

    private static PrivateKey privateKey(Path pem) throws Exception {
        String body = Files.readString(pem).replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
        return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(body)));
    }

    private static List<String> split(String values) {
        List<String> list = new ArrayList<>();
        for (String value : values.split("[\\s,]+")) {
            if (!value.isEmpty()) {
                list.add(value);
            }
        }
        return list;
    }

    private static String array(List<String> values) {
        return "[" + String.join(",", values.stream().map(DevToken::quote).toList()) + "]";
    }

    private static String quote(String value) {
        return "\"" + value.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    private static String base64(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
