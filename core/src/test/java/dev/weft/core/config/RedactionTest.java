package dev.weft.core.config;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.Test;

public class RedactionTest {
  private final Redaction defaults = Redaction.of(Map.of());

  private void hidden(String... keys) {
    for (String key : keys) {
      assertTrue(key, defaults.hides(key, "value"));
    }
  }

  @Test
  public void hadoopCredentialProviderKeysAreHidden() {
    hidden(
        "weft.hadoop.hadoop.security.credential.provider.path",
        "weft.hadoop.hadoop.security.credstore.java-keystore-provider.password-file");
  }

  @Test
  public void s3aKeysAreHidden() {
    hidden(
        "weft.hadoop.fs.s3a.access.key",
        "weft.hadoop.fs.s3a.secret.key",
        "weft.hadoop.fs.s3a.session.token",
        "weft.hadoop.fs.s3a.encryption.key",
        "weft.hadoop.fs.s3a.server-side-encryption.key",
        "weft.hadoop.fs.s3a.bucket.logs.access.key");
  }

  @Test
  public void azureKeysAreHidden() {
    hidden(
        "weft.hadoop.fs.azure.account.key.acct.dfs.core.windows.net",
        "weft.hadoop.fs.azure.account.key.acct.blob.core.windows.net",
        "weft.hadoop.fs.azure.account.oauth2.client.secret",
        "weft.hadoop.fs.azure.sas.container.acct.blob.core.windows.net",
        "weft.hadoop.fs.azure.sas.fixed.token");
  }

  @Test
  public void gcsKeysAreHidden() {
    hidden(
        "weft.hadoop.fs.gs.auth.service.account.private.key",
        "weft.hadoop.fs.gs.auth.service.account.private.key.id",
        "weft.hadoop.fs.gs.auth.client.secret",
        "weft.hadoop.google.cloud.auth.service.account.json.keyfile");
  }

  @Test
  public void sslStorePasswordsAreHidden() {
    hidden(
        "weft.hadoop.ssl.server.keystore.password",
        "weft.hadoop.ssl.server.keystore.keypassword",
        "weft.hadoop.ssl.server.truststore.password",
        "weft.hadoop.ssl.client.truststore.password");
  }

  @Test
  public void anySecretPasswordTokenOrPrivateKeyIsHidden() {
    hidden(
        "weft.app.db.secret",
        "weft.x.password",
        "weft.x.passwd",
        "weft.api.token",
        "weft.signing.private.key",
        "weft.x.credentials",
        "WEFT.X.SECRET");
  }

  @Test
  public void ordinaryEntriesAreShownAndValuesThatLookSecretAreHidden() {
    assertFalse(defaults.hides("weft.app.name", "wordcount"));
    assertFalse(defaults.hides("weft.executor.memory", "2g"));
    assertFalse(defaults.hides("weft.hadoop.fs.defaultFS", "hdfs://nn:8020"));
    assertTrue(defaults.hides("weft.jdbc.url", "jdbc:x://db?user=a&password=b"));
    assertEquals(
        Map.of("weft.app.name", "n", "weft.hadoop.fs.s3a.secret.key", Redaction.REDACTED),
        defaults.redact(Map.of("weft.app.name", "n", "weft.hadoop.fs.s3a.secret.key", "abc")));
  }

  @Test
  public void theRegexIsConfigurable() {
    Redaction custom = Redaction.of(Map.of("weft.redaction.regex", "(?i)cookie"));

    assertTrue(custom.hides("weft.ui.cookie", "x"));
    assertFalse(custom.hides("weft.x.password", "x"));
    for (String bad : List.of("(unclosed")) {
      assertFalse(Redaction.compiles(bad));
    }
  }
}
