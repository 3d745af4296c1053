package io.wxpay4j.simulator;

import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.util.Objects;

/**
 * The simulated test merchant's credentials (测试商户), exactly the items a real merchant gets from
 * WeChat Pay: merchant id (商户号), app id (应用ID), merchant API private key and certificate with its
 * serial (商户API证书序列号), APIv3 key (APIv3密钥), WeChat Pay public key and its {@code PUB_KEY_ID_…}
 * (微信支付公钥), and the initial platform certificate (平台证书).
 *
 * <p>Every key is a TEST-ONLY key made by the simulator; never use it against real WeChat Pay.
 * {@link #toString()} shows identifiers only, never keys or the APIv3 key.
 *
 * <pre>{@code
 * SimulatorMerchant merchant = simulator.merchant();
 * client = WechatPayClient.builder()
 *     .merchantId(merchant.merchantId())
 *     .merchantKey(merchant.merchantSerialNumber(), merchant.merchantPrivateKey())
 *     .platformPublicKey(merchant.wechatPayPublicKeyId(), merchant.wechatPayPublicKey())
 *     .baseUrl(simulator.baseUrl())
 *     .build();
 * }</pre>
 */
public final class SimulatorMerchant {
  private final String merchantId;
  private final String appId;
  private final PrivateKey merchantPrivateKey;
  private final X509Certificate merchantCertificate;
  private final String apiV3Key;
  private final String wechatPayPublicKeyId;
  private final PublicKey wechatPayPublicKey;
  private final X509Certificate platformCertificate;
  private final String subMerchantId;
  private final String subAppId;

  SimulatorMerchant(
      String merchantId,
      String appId,
      PrivateKey merchantPrivateKey,
      X509Certificate merchantCertificate,
      String apiV3Key,
      String wechatPayPublicKeyId,
      PublicKey wechatPayPublicKey,
      X509Certificate platformCertificate,
      String subMerchantId,
      String subAppId) {
    this.merchantId = Objects.requireNonNull(merchantId);
    this.appId = Objects.requireNonNull(appId);
    this.merchantPrivateKey = Objects.requireNonNull(merchantPrivateKey);
    this.merchantCertificate = Objects.requireNonNull(merchantCertificate);
    this.apiV3Key = Objects.requireNonNull(apiV3Key);
    this.wechatPayPublicKeyId = Objects.requireNonNull(wechatPayPublicKeyId);
    this.wechatPayPublicKey = Objects.requireNonNull(wechatPayPublicKey);
    this.platformCertificate = Objects.requireNonNull(platformCertificate);
    this.subMerchantId = Objects.requireNonNull(subMerchantId);
    this.subAppId = Objects.requireNonNull(subAppId);
  }

  /** Merchant id ({@code mchid}, 商户号), e.g. {@code 1900000109}. */
  public String merchantId() {
    return merchantId;
  }

  /**
   * The app id bound to the merchant ({@code appid}); other app ids get {@code
   * APPID_MCHID_NOT_MATCH}.
   */
  public String appId() {
    return appId;
  }

  /** The merchant API private key (商户API私钥) that signs requests. */
  public PrivateKey merchantPrivateKey() {
    return merchantPrivateKey;
  }

  /** The merchant API private key as PKCS#8 PEM text, like {@code apiclient_key.pem}. */
  public String merchantPrivateKeyPem() {
    return Crypto.privateKeyPem(merchantPrivateKey);
  }

  /** The merchant API certificate (商户API证书), self-signed. */
  public X509Certificate merchantCertificate() {
    return merchantCertificate;
  }

  /** The merchant API certificate as PEM text, like {@code apiclient_cert.pem}. */
  public String merchantCertificatePem() {
    return Crypto.certificatePem(merchantCertificate);
  }

  /** Upper-case hex serial of the merchant API certificate: the {@code serial_no} to sign with. */
  public String merchantSerialNumber() {
    return Crypto.serialHex(merchantCertificate);
  }

  /**
   * The APIv3 key (APIv3密钥): 32 ASCII characters, the AES-256-GCM key of notifications and
   * certificates.
   */
  public String apiV3Key() {
    return apiV3Key;
  }

  /** The WeChat Pay public key id, {@code PUB_KEY_ID_} followed by digits. */
  public String wechatPayPublicKeyId() {
    return wechatPayPublicKeyId;
  }

  /**
   * The WeChat Pay public key (微信支付公钥) that verifies responses and notifications in public-key
   * mode.
   */
  public PublicKey wechatPayPublicKey() {
    return wechatPayPublicKey;
  }

  /** The WeChat Pay public key as PEM text, like the {@code pub_key.pem} downloaded from 商户平台. */
  public String wechatPayPublicKeyPem() {
    return Crypto.publicKeyPem(wechatPayPublicKey);
  }

  /**
   * The first platform certificate (平台证书). After {@link
   * WechatPaySimulator#rotatePlatformCertificate()} newer ones exist: see {@link
   * WechatPaySimulator#platformCertificates()}.
   */
  public X509Certificate platformCertificate() {
    return platformCertificate;
  }

  /** The first platform certificate as PEM text. */
  public String platformCertificatePem() {
    return Crypto.certificatePem(platformCertificate);
  }

  /** Upper-case hex serial of the first platform certificate. */
  public String platformSerialNumber() {
    return Crypto.serialHex(platformCertificate);
  }

  /**
   * The sub-merchant (子商户号) authorised to this merchant acting as a service provider (服务商): the
   * {@code sub_mchid} of the partner endpoints, where {@link #merchantId()} is the {@code sp_mchid}
   * and {@link #appId()} the {@code sp_appid}.
   */
  public String subMerchantId() {
    return subMerchantId;
  }

  /** The app id bound to {@link #subMerchantId()} ({@code sub_appid}). */
  public String subAppId() {
    return subAppId;
  }

  @Override
  public String toString() {
    return "SimulatorMerchant{merchantId="
        + merchantId
        + ", appId="
        + appId
        + ", merchantSerialNumber="
        + merchantSerialNumber()
        + ", wechatPayPublicKeyId="
        + wechatPayPublicKeyId
        + "}";
  }
}
