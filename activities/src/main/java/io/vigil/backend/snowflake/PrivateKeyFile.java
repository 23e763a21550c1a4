package io.vigil.backend.snowflake;

import io.vigil.backend.ConfigurationException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Arrays;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.EncryptedPrivateKeyInfo;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * Reads the RSA private key of Snowflake key-pair authentication from a PEM file, as {@code openssl genrsa ... |
 * openssl pkcs8 -topk8} writes it: PKCS#8, unencrypted ({@code -nocrypt}) or encrypted with a passphrase by PBES2
 * with AES (the default of OpenSSL 1.1 and later, or {@code -v2 aes256}); Java has no PBES2 with DES3 ({@code -v2
 * des3}), and such a file is refused with the command that converts it. Decoding it here, rather than handing the path to the driver, makes a wrong
 * file or passphrase fail before any connection with a message that names the file and never the passphrase.
 */
final class PrivateKeyFile {

  private static final String PLAIN = "PRIVATE KEY";
  private static final String ENCRYPTED = "ENCRYPTED PRIVATE KEY";

  private PrivateKeyFile() {}

  static PrivateKey read(Path file, char[] passphrase) {
    String pem;
    try {
      pem = Files.readString(file, StandardCharsets.US_ASCII);
    } catch (IOException e) {
      throw new ConfigurationException("cannot read Snowflake private key file " + file + " ("
          + SnowflakeSettings.PRIVATE_KEY_FILE + "): " + e.getClass().getSimpleName() + " " + e.getMessage());
    }
    try {
      if (pem.contains("-----BEGIN " + ENCRYPTED + "-----")) {
        if (passphrase == null) {
          throw failure(file, "the key is encrypted; set " + SnowflakeSettings.PRIVATE_KEY_PASSPHRASE);
        }
        return rsa(file, decrypt(file, body(file, pem, ENCRYPTED), passphrase));
      }
      if (pem.contains("-----BEGIN " + PLAIN + "-----")) {
        return rsa(file, new PKCS8EncodedKeySpec(body(file, pem, PLAIN)));
      }
      if (pem.contains("-----BEGIN RSA PRIVATE KEY-----")) {
        throw failure(file, "the key is in PKCS#1 form; convert it with openssl pkcs8 -topk8 -in <file> -out <new file>");
      }
      throw failure(file, "no PEM private key found; expected a -----BEGIN PRIVATE KEY----- or -----BEGIN ENCRYPTED "
          + "PRIVATE KEY----- block");
    } finally {
      if (passphrase != null) {
        Arrays.fill(passphrase, '\0');
      }
    }
  }

  private static byte[] body(Path file, String pem, String label) {
    int start = pem.indexOf("-----BEGIN " + label + "-----") + ("-----BEGIN " + label + "-----").length();
    int end = pem.indexOf("-----END " + label + "-----", start);
    if (end < 0) {
      throw failure(file, "the " + label + " block has no END line");
    }
    try {
      return Base64.getMimeDecoder().decode(pem.substring(start, end));
    } catch (IllegalArgumentException e) {
      throw failure(file, "the " + label + " block is not valid base64");
    }
  }

  private static PKCS8EncodedKeySpec decrypt(Path file, byte[] der, char[] passphrase) {
    try {
      EncryptedPrivateKeyInfo info = new EncryptedPrivateKeyInfo(der);
      // For PBES2 the algorithm is named by its parameters (such as PBEWithHmacSHA256AndAES_256), not by getAlgName.
      String algorithm = info.getAlgParameters() != null ? info.getAlgParameters().toString() : info.getAlgName();
      Cipher cipher = Cipher.getInstance(algorithm);
      PBEKeySpec keySpec = new PBEKeySpec(passphrase);
      try {
        cipher.init(Cipher.DECRYPT_MODE, SecretKeyFactory.getInstance(algorithm).generateSecret(keySpec),
            info.getAlgParameters());
      } finally {
        keySpec.clearPassword();
      }
      return info.getKeySpec(cipher);
    } catch (IOException | NoSuchAlgorithmException e) {
      // Java decrypts PBES2 with AES only; the DES3 of some older instructions is refused while parsing.
      throw failure(file, "it is encrypted with an algorithm Java cannot decrypt (" + e.getClass().getSimpleName()
          + "); re-encrypt it with openssl pkcs8 -topk8 -v2 aes256 -in <file> -out <new file>");
    } catch (GeneralSecurityException e) {
      throw failure(file, "cannot decrypt it: wrong " + SnowflakeSettings.PRIVATE_KEY_PASSPHRASE + " ("
          + e.getClass().getSimpleName() + ")");
    }
  }

  private static PrivateKey rsa(Path file, PKCS8EncodedKeySpec spec) {
    try {
      return KeyFactory.getInstance("RSA").generatePrivate(spec);
    } catch (GeneralSecurityException e) {
      throw failure(file, "it holds no RSA private key, which Snowflake key-pair authentication needs ("
          + e.getClass().getSimpleName() + ")");
    }
  }

  private static ConfigurationException failure(Path file, String reason) {
    return new ConfigurationException("Snowflake private key file " + file + " (" + SnowflakeSettings.PRIVATE_KEY_FILE
        + "): " + reason);
  }
}
