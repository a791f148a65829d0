package coedit.server.auth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.jwk.source.ImmutableSecret;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import java.io.IOException;
import java.net.MalformedURLException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.text.ParseException;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * {@link TokenVerifier} over Nimbus JOSE+JWT's {@link DefaultJWTProcessor}: the library does
 * the parsing, the signature and the time and audience checks; this class chooses the key
 * source and the algorithms it allows, and reads the claims into a {@link Principal}.
 *
 * <p>Algorithms are allow-listed by key type: HS256 for a secret, RS256 for an RSA key,
 * ES256 for an EC P-256 key, RS256 and ES256 for a JWKS. The processor refuses unsecured
 * ({@code alg: none}) tokens and any algorithm outside the list, so a token cannot choose
 * how it is checked (no RS256-key-as-HMAC-secret confusion).
 */
public final class JwtVerifier implements TokenVerifier {
  /** Longest {@code sub} accepted: it becomes the stored author of every edit. */
  public static final int MAX_USER_LENGTH = 256;
  /** Display names are cut to this many code points, as the live protocol's {@code name}. */
  public static final int MAX_NAME_LENGTH = 64;

  private final DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();

  private JwtVerifier(JWKSource<SecurityContext> keys, Set<JWSAlgorithm> algorithms, AuthSettings s) {
    processor.setJWSKeySelector(new JWSVerificationKeySelector<>(algorithms, keys));
    JWTClaimsSet exact = s.issuer() == null ? new JWTClaimsSet.Builder().build()
        : new JWTClaimsSet.Builder().issuer(s.issuer()).build();
    DefaultJWTClaimsVerifier<SecurityContext> claims = new DefaultJWTClaimsVerifier<>(
        s.audience() == null ? null : Set.of(s.audience()), exact, Set.of("sub", "exp"), null);
    claims.setMaxClockSkew(s.clockSkewSeconds());
    processor.setJWTClaimsSetVerifier(claims);
  }

  /** A verifier for {@code settings}; IllegalArgumentException says what is wrong with them. */
  public static JwtVerifier create(AuthSettings settings) {
    if (settings.secretFile() != null) {
      byte[] secret = AuthSettings.readSecret(settings.secretFile());
      return new JwtVerifier(new ImmutableSecret<>(secret), Set.of(JWSAlgorithm.HS256), settings);
    }
    if (settings.publicKeyFile() != null) {
      JWK key = readPublicKey(settings);
      JWSAlgorithm alg = key instanceof RSAKey ? JWSAlgorithm.RS256 : JWSAlgorithm.ES256;
      return new JwtVerifier(new ImmutableJWKSet<>(new JWKSet(key)), Set.of(alg), settings);
    }
    JWKSource<SecurityContext> jwks;
    try {
      // Cached (5 minutes), refreshed ahead of expiry and on an unknown key id, rate-limited.
      jwks = JWKSourceBuilder.<SecurityContext>create(URI.create(settings.jwksUrl()).toURL()).retrying(true).build();
    } catch (MalformedURLException | IllegalArgumentException e) {
      throw new IllegalArgumentException("--auth-jwks-url '" + settings.jwksUrl() + "' is not a URL: " + e.getMessage());
    }
    return new JwtVerifier(jwks, Set.of(JWSAlgorithm.RS256, JWSAlgorithm.ES256), settings);
  }

  @Override
  public Principal verify(String token) throws InvalidTokenException {
    JWTClaimsSet claims;
    try {
      claims = processor.process(token, null);
    } catch (ParseException e) {
      throw new InvalidTokenException("the token is not a JWT: " + e.getMessage());
    } catch (BadJOSEException e) {
      throw new InvalidTokenException("the token was refused: " + e.getMessage());
    } catch (JOSEException e) {
      throw new InvalidTokenException("the token could not be verified: " + e.getMessage());
    }
    return principal(claims);
  }

  /** The principal of verified claims: {@code sub}, optional {@code name}, {@code docs}. */
  static Principal principal(JWTClaimsSet claims) throws InvalidTokenException {
    String user = claims.getSubject();
    if (user == null || user.isEmpty() || user.length() > MAX_USER_LENGTH || user.chars().anyMatch(Character::isISOControl)) {
      throw new InvalidTokenException("claim 'sub' must be 1 to " + MAX_USER_LENGTH + " characters without control characters");
    }
    String name;
    Map<String, String> docs = new LinkedHashMap<>();
    try {
      name = claims.getStringClaim("name");
      Map<String, Object> raw = claims.getJSONObjectClaim("docs");
      if (raw != null) {
        for (Map.Entry<String, Object> e : raw.entrySet()) {
          if (!(e.getValue() instanceof String v)) throw new InvalidTokenException("claim 'docs': '" + e.getKey() + "' must map to \"read\" or \"write\"");
          docs.put(e.getKey(), v);
        }
      }
    } catch (ParseException e) {
      throw new InvalidTokenException("claim " + e.getMessage());
    }
    Grants grants;
    try {
      grants = Grants.of(docs);
    } catch (IllegalArgumentException e) {
      throw new InvalidTokenException("claim 'docs': " + e.getMessage());
    }
    if (name == null || name.isBlank()) name = user;
    if (name.codePointCount(0, name.length()) > MAX_NAME_LENGTH) {
      name = name.substring(0, name.offsetByCodePoints(0, MAX_NAME_LENGTH));
    }
    return new Principal(user, name, grants, claims.getExpirationTime().getTime());
  }

  /** An RSA or EC P-256 public key from a PEM {@code PUBLIC KEY} (SubjectPublicKeyInfo) file. */
  private static JWK readPublicKey(AuthSettings s) {
    String pem;
    try {
      pem = Files.readString(s.publicKeyFile(), StandardCharsets.US_ASCII);
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot read the public key file " + s.publicKeyFile() + ": " + e.getMessage());
    }
    int begin = pem.indexOf("-----BEGIN PUBLIC KEY-----");
    int end = pem.indexOf("-----END PUBLIC KEY-----");
    if (begin < 0 || end < begin) {
      throw new IllegalArgumentException(s.publicKeyFile() + " has no PEM 'PUBLIC KEY' block (openssl pkey -pubout writes one)");
    }
    byte[] der = Base64.getMimeDecoder().decode(pem.substring(begin + 26, end));
    for (String algorithm : new String[] {"RSA", "EC"}) {
      PublicKey key;
      try {
        key = KeyFactory.getInstance(algorithm).generatePublic(new X509EncodedKeySpec(der));
      } catch (java.security.GeneralSecurityException notThisKind) {
        continue;
      }
      if (key instanceof RSAPublicKey rsa) {
        if (rsa.getModulus().bitLength() < 2048) throw new IllegalArgumentException("RSA keys need at least 2048 bits");
        return new RSAKey.Builder(rsa).build();
      }
      if (key instanceof ECPublicKey ec && Curve.P_256.equals(Curve.forECParameterSpec(ec.getParams()))) {
        return new ECKey.Builder(Curve.P_256, ec).build();
      }
      throw new IllegalArgumentException(s.publicKeyFile() + ": only RSA and EC P-256 keys are supported");
    }
    throw new IllegalArgumentException(s.publicKeyFile() + " does not hold an RSA or EC public key");
  }
}
