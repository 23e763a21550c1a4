package io.vigil.backend.snowflake;

import java.security.AlgorithmParameters;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.EncryptedPrivateKeyInfo;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.PBEKeySpec;
import javax.crypto.spec.PBEParameterSpec;

/**
 * RSA keys of Snowflake key-pair authentication in the PKCS#8 PEM files openssl writes; shared with the end-to-end
 * tests through this module's test jar.
 */
public final class PrivateKeyPems {

  private PrivateKeyPems() {}

  public static KeyPair rsaKeyPair() throws NoSuchAlgorithmException {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
    generator.initialize(2048);
    return generator.generateKeyPair();
  }

  /** The key unencrypted, as {@code openssl pkcs8 -topk8 -nocrypt} writes it. */
  public static String plain(PrivateKey key) {
    return pem("PRIVATE KEY", key.getEncoded());
  }

  /** The key encrypted as {@code openssl pkcs8 -topk8 -v2 aes256} does: PBES2 with PBKDF2-HMAC-SHA256 and AES-256. */
  public static String encrypted(PrivateKey key, String passphrase) throws Exception {
    String algorithm = "PBEWithHmacSHA256AndAES_256";
    byte[] salt = new byte[16];
    byte[] iv = new byte[16];
    new SecureRandom().nextBytes(salt);
    new SecureRandom().nextBytes(iv);
    Cipher cipher = Cipher.getInstance(algorithm);
    cipher.init(Cipher.ENCRYPT_MODE, SecretKeyFactory.getInstance(algorithm)
        .generateSecret(new PBEKeySpec(passphrase.toCharArray())), new PBEParameterSpec(salt, 2048,
            new IvParameterSpec(iv)));
    // Re-read as PBES2 parameters, whose algorithm name maps to the PBES2 object identifier that OpenSSL writes.
    AlgorithmParameters pbes2 = AlgorithmParameters.getInstance("PBES2");
    pbes2.init(cipher.getParameters().getEncoded());
    return pem("ENCRYPTED PRIVATE KEY", new EncryptedPrivateKeyInfo(pbes2, cipher.doFinal(key.getEncoded()))
        .getEncoded());
  }

  private static String pem(String label, byte[] der) {
    return "-----BEGIN " + label + "-----\n" + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(der)
        + "\n-----END " + label + "-----\n";
  }
}
