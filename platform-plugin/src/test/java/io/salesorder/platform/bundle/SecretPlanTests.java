package io.salesorder.platform.bundle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The secret plan: values made once and kept, one value shared by two Secrets, and each store's rendering. */
class SecretPlanTests {

    private static final String PLAN = """
            values:
              db-password: {generate: password}
              signing-key: {generate: rsa-key-pair}
            secrets:
              db-credentials:
                owner: db
                data:
                  PASSWORD: {value: db-password}
                  USER: {literal: shop}
              shop-credentials:
                owner: shop
                data:
                  DB_PASSWORD: {value: db-password}
                  private-key.pem: {value: signing-key, part: private}
                  public-key.pem: {value: signing-key, part: public}
            """;

    @TempDir
    Path dir;

    private SecretPlan plan(String yaml) throws IOException {
        Path file = dir.resolve("secrets.yml");
        Files.writeString(file, yaml);
        return SecretPlan.read(file);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> stringData(List<Map<String, Object>> rendered, String name) {
        return (Map<String, Object>) rendered.stream()
                .filter(d -> name.equals(((Map<String, Object>) d.get("metadata")).get("name"))).findFirst().orElseThrow()
                .get("stringData");
    }

    /** True when a signature made with the PEM private part verifies with the PEM public part. */
    private static boolean signsAndVerifies(String privatePem, String publicPem) {
        try {
            KeyFactory rsa = KeyFactory.getInstance("RSA");
            PrivateKey privateKey = rsa.generatePrivate(new PKCS8EncodedKeySpec(pemBody(privatePem)));
            PublicKey publicKey = rsa.generatePublic(new X509EncodedKeySpec(pemBody(publicPem)));
            byte[] message = "token".getBytes(StandardCharsets.UTF_8);
            Signature signer = Signature.getInstance("SHA256withRSA");
            signer.initSign(privateKey);
            signer.update(message);
            byte[] signature = signer.sign();
            Signature verifier = Signature.getInstance("SHA256withRSA");
            verifier.initVerify(publicKey);
            verifier.update(message);
            return verifier.verify(signature);
        } catch (GeneralSecurityException e) {
            throw new AssertionError("not a PEM RSA key pair", e);
        }
    }

    private static byte[] pemBody(String pem) {
        return Base64.getMimeDecoder().decode(pem.replaceAll("-----[A-Z ]+-----", ""));
    }

    @Test
    void a_value_named_twice_is_one_value_and_values_a_cluster_holds_are_kept() throws IOException {
        SecretPlan plan = plan(PLAN);
        List<Map<String, Object>> first = plan.renderGenerated(plan.generate(Map.of()));
        Object password = stringData(first, "db-credentials").get("PASSWORD");
        assertThat(password).asString().hasSize(32);
        assertThat(stringData(first, "shop-credentials").get("DB_PASSWORD")).isEqualTo(password);
        assertThat(stringData(first, "db-credentials").get("USER")).isEqualTo("shop");
        assertThat(signsAndVerifies(String.valueOf(stringData(first, "shop-credentials").get("private-key.pem")),
                String.valueOf(stringData(first, "shop-credentials").get("public-key.pem"))))
                .as("the two parts are one RSA key pair").isTrue();

        // A second render against the cluster's Secrets keeps every value; a render without them makes new ones.
        Map<String, Map<String, String>> cluster = Map.of(
                "db-credentials", Map.of("PASSWORD", String.valueOf(password)),
                "shop-credentials", Map.of(
                        "private-key.pem", String.valueOf(stringData(first, "shop-credentials").get("private-key.pem")),
                        "public-key.pem", String.valueOf(stringData(first, "shop-credentials").get("public-key.pem"))));
        Map<String, String> known = plan.knownValues(cluster);
        assertThat(known).containsKeys("db-password", "signing-key-private", "signing-key-public");
        List<Map<String, Object>> again = plan.renderGenerated(plan.generate(known));
        assertThat(stringData(again, "shop-credentials")).isEqualTo(stringData(first, "shop-credentials"));
        assertThat(stringData(plan.renderGenerated(plan.generate(Map.of())), "db-credentials").get("PASSWORD")).isNotEqualTo(password);
    }

    @Test
    void a_store_gets_external_secrets_that_read_each_value_once_under_the_prefix() throws IOException {
        SecretPlan plan = plan(PLAN);
        Environment.SecretSource vault = new Environment.SecretSource(Environment.Store.VAULT, "shop/staging",
                Map.of("server", "https://vault.example:8200", "path", "secret", "authMountPath", "kubernetes", "role", "shop"));
        String yaml = Yaml.write(plan.renderExternal(vault));
        assertThat(yaml).contains("kind: SecretStore", "server: https://vault.example:8200", "key: shop/staging/db-password",
                "property: value", "PASSWORD: \"{{ .db_password }}\"", "USER: shop").doesNotContain("stringData");
        Environment.SecretSource ssm = new Environment.SecretSource(Environment.Store.AWS_SSM, "shop/prod",
                Map.of("region", "eu-west-1", "roleArn", "arn:aws:iam::1:role/r"));
        assertThat(Yaml.write(plan.renderExternal(ssm))).contains("service: ParameterStore", "key: /shop/prod/db-password",
                "eks.amazonaws.com/role-arn: arn:aws:iam::1:role/r");
        Environment.SecretSource incomplete = new Environment.SecretSource(Environment.Store.VAULT, "p", Map.of("server", "s"));
        assertThatThrownBy(() -> plan.renderExternal(incomplete)).isInstanceOf(BundleException.class)
                .hasMessage("The vault secret store needs secrets.path");
    }

    @ParameterizedTest(name = "{1}")
    @CsvSource(delimiter = '|', value = {
            "values: {a: {generate: pin}}\\nsecrets: {} | value a must be {generate: password}",
            "values: {a: {generate: password}}\\nsecrets: {s: {owner: o, data: {K: {}}}} | s.K needs either value or literal",
            "values: {a: {generate: password}}\\nsecrets: {s: {owner: o, data: {K: {value: b}}}} | s.K names an undeclared value b",
            "values: {a: {generate: password}}\\nsecrets: {s: {data: {K: {value: a}}}} | secret s needs an owner"})
    void a_wrong_plan_is_refused_naming_the_entry(String yaml, String message) {
        assertThatThrownBy(() -> plan(yaml.replace("\\n", "\n"))).isInstanceOf(BundleException.class)
                .hasMessageContaining(message);
    }
}
