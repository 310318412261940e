package io.mcpwatch.notify.http;

import io.mcpwatch.notify.MessageSigner;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.CertificateEncodingException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Base64;
import java.util.Date;
import java.util.Objects;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.CertIOException;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * mcpwatch's SNS signing identity: an RSA-2048 key and a self-signed X.509 certificate (valid 10
 * years), generated once and kept as PEM files in a directory the caller chooses:
 *
 * <ul>
 *   <li>{@value #KEY_FILE}: the private key, PKCS#8 {@code PRIVATE KEY}, owner-only permissions
 *       where the file system supports POSIX permissions;
 *   <li>{@value #CERT_FILE}: the certificate, to serve at the SigningCertURL.
 * </ul>
 *
 * Signs with SHA256withRSA (SignatureVersion 2). BouncyCastle is used only to build the
 * certificate; signing and loading use the JDK. Thread-safe.
 */
public final class SigningKeys implements MessageSigner {
  public static final String KEY_FILE = "sns-signing-key.pem";
  public static final String CERT_FILE = "sns-signing-cert.pem";

  private final PrivateKey privateKey;
  private final X509Certificate certificate;

  private SigningKeys(PrivateKey privateKey, X509Certificate certificate) {
    this.privateKey = privateKey;
    this.certificate = certificate;
    checkPair();
  }

  /**
   * Loads the key pair from {@code directory}, or generates and saves one when neither file
   * exists.
   *
   * @throws IOException when only one of the files exists, or they cannot be read, parsed or
   *     written, or the key does not match the certificate
   */
  public static SigningKeys loadOrCreate(Path directory, InstantSource clock) throws IOException {
    Path key = directory.resolve(KEY_FILE);
    Path cert = directory.resolve(CERT_FILE);
    boolean hasKey = Files.exists(key);
    boolean hasCert = Files.exists(cert);
    if (hasKey && hasCert) {
      return load(directory);
    }
    if (hasKey || hasCert) {
      throw new IOException("found " + (hasKey ? key : cert) + " without "
          + (hasKey ? cert : key) + "; restore it, or delete both to create a new signing key");
    }
    SigningKeys k = generate(clock);
    k.save(directory);
    return k;
  }

  /** Whether {@code directory} has neither file: {@link #loadOrCreate} would generate a key. */
  public static boolean absent(Path directory) {
    return !Files.exists(directory.resolve(KEY_FILE))
        && !Files.exists(directory.resolve(CERT_FILE));
  }

  /**
   * Writes this key and certificate into {@code directory} (created if missing), as {@link
   * #loadOrCreate} writes a new one.
   *
   * @throws IOException when they cannot be written, or either file appeared meanwhile
   */
  public void save(Path directory) throws IOException {
    Files.createDirectories(directory);
    write(directory.resolve(KEY_FILE), privateKeyPem(), true);
    write(directory.resolve(CERT_FILE), certificatePem(), false);
  }

  /** Loads {@value #KEY_FILE} and {@value #CERT_FILE} from {@code directory}. */
  public static SigningKeys load(Path directory) throws IOException {
    Path keyFile = directory.resolve(KEY_FILE);
    try {
      byte[] der = pemBody(Files.readString(keyFile, StandardCharsets.US_ASCII), "PRIVATE KEY");
      PrivateKey key = KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(der));
      X509Certificate cert =
          parseCertificate(Files.readString(directory.resolve(CERT_FILE), StandardCharsets.US_ASCII));
      return new SigningKeys(key, cert);
    } catch (GeneralSecurityException | IllegalArgumentException e) {
      throw new IOException("cannot load the signing key from " + directory + ": "
          + e.getClass().getSimpleName(), e);
    }
  }

  /** A fresh key pair and certificate, in memory only. */
  public static SigningKeys generate(InstantSource clock) {
    try {
      KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
      g.initialize(2048, new SecureRandom());
      KeyPair kp = g.generateKeyPair();
      Instant now = clock.instant();
      X500Name name = new X500Name("CN=mcpwatch SNS message signing");
      JcaX509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(name,
          new BigInteger(64, new SecureRandom()), Date.from(now.minus(Duration.ofDays(1))),
          Date.from(now.plus(Duration.ofDays(3650))), name, kp.getPublic());
      b.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
      b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
      X509Certificate cert = new JcaX509CertificateConverter().getCertificate(
          b.build(new JcaContentSignerBuilder("SHA256withRSA").build(kp.getPrivate())));
      return new SigningKeys(kp.getPrivate(), cert);
    } catch (GeneralSecurityException | OperatorCreationException | CertIOException e) {
      throw new IllegalStateException("cannot generate an RSA signing key", e);
    }
  }

  /** Parses one PEM {@code CERTIFICATE}. */
  public static X509Certificate parseCertificate(String pem) throws GeneralSecurityException {
    return (X509Certificate) CertificateFactory.getInstance("X.509")
        .generateCertificate(new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)));
  }

  @Override
  public byte[] sign(byte[] data) {
    try {
      Signature s = Signature.getInstance("SHA256withRSA");
      s.initSign(privateKey);
      s.update(data);
      return s.sign();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("SHA256withRSA signing failed", e);
    }
  }

  public X509Certificate certificate() {
    return certificate;
  }

  /** The certificate as PEM: what the SigningCertURL serves ({@code application/x-pem-file}). */
  public String certificatePem() {
    try {
      return pem("CERTIFICATE", certificate.getEncoded());
    } catch (CertificateEncodingException e) {
      throw new IllegalStateException(e);
    }
  }

  private String privateKeyPem() {
    return pem("PRIVATE KEY", privateKey.getEncoded());
  }

  @Override
  public String toString() {
    return "SigningKeys[" + certificate.getSubjectX500Principal().getName() + ", serial "
        + certificate.getSerialNumber().toString(16) + "]";
  }

  private void checkPair() {
    try {
      byte[] probe = "mcpwatch".getBytes(StandardCharsets.US_ASCII);
      Signature v = Signature.getInstance("SHA256withRSA");
      v.initVerify(certificate.getPublicKey());
      v.update(probe);
      if (!v.verify(sign(probe))) {
        throw new IllegalArgumentException("the private key does not match the certificate");
      }
    } catch (GeneralSecurityException e) {
      throw new IllegalArgumentException("the certificate's key cannot verify RSA signatures", e);
    }
  }

  private static String pem(String type, byte[] der) {
    return "-----BEGIN " + type + "-----\n"
        + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
        + "\n-----END " + type + "-----\n";
  }

  private static byte[] pemBody(String text, String type) {
    String begin = "-----BEGIN " + type + "-----";
    String end = "-----END " + type + "-----";
    int b = text.indexOf(begin);
    int e = text.indexOf(end);
    if (b < 0 || e < b) {
      throw new IllegalArgumentException("expected a PEM " + type);
    }
    return Base64.getMimeDecoder().decode(text.substring(b + begin.length(), e));
  }

  private static void write(Path target, String content, boolean secret) throws IOException {
    Path dir = Objects.requireNonNull(target.getParent(), "parent directory");
    boolean posix = Files.getFileStore(dir).supportsFileAttributeView("posix");
    Path tmp = posix
        ? Files.createTempFile(dir, ".key-", ".tmp",
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString(
                secret ? "rw-------" : "rw-r--r--")))
        : Files.createTempFile(dir, ".key-", ".tmp");
    try {
      Files.writeString(tmp, content, StandardCharsets.US_ASCII);
      try {
        Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(tmp, target);
      }
    } catch (FileAlreadyExistsException e) {
      throw new IOException(target + " appeared while it was being created", e);
    } finally {
      Files.deleteIfExists(tmp);
    }
  }
}
