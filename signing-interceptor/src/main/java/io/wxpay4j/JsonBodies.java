package io.wxpay4j;

import com.squareup.moshi.JsonAdapter;
import com.squareup.moshi.JsonWriter;
import com.squareup.moshi.Moshi;
import io.wxpay4j.json.WechatPayJson;
import java.lang.annotation.Annotation;
import java.lang.reflect.Type;
import okhttp3.MediaType;
import okhttp3.RequestBody;
import okhttp3.ResponseBody;
import okio.Buffer;
import org.jspecify.annotations.Nullable;
import retrofit2.Converter;
import retrofit2.Retrofit;
import retrofit2.converter.moshi.MoshiConverterFactory;

/**
 * The JSON of requests and answers, with Moshi. A request body is serialised once, and the bytes
 * that will be signed and sent are the bytes {@link RequestChecks#utf8} checks; answers are decoded
 * by Moshi's own converter. Stateless; one instance serves every client.
 */
final class JsonBodies extends Converter.Factory {
  static final JsonBodies INSTANCE = new JsonBodies();
  private static final MediaType JSON = MediaType.get("application/json; charset=UTF-8");

  private final Moshi moshi = WechatPayJson.moshi();
  private final MoshiConverterFactory answers = MoshiConverterFactory.create(moshi);

  private JsonBodies() {}

  @Override
  public Converter<?, RequestBody> requestBodyConverter(
      Type type,
      Annotation[] parameterAnnotations,
      Annotation[] methodAnnotations,
      Retrofit retrofit) {
    JsonAdapter<Object> adapter = moshi.adapter(type);
    return value -> {
      Buffer json = new Buffer();
      adapter.toJson(JsonWriter.of(json), value);
      RequestChecks.utf8(json, adapter, value);
      return RequestBody.create(json.readByteString(), JSON);
    };
  }

  @Override
  public @Nullable Converter<ResponseBody, ?> responseBodyConverter(
      Type type, Annotation[] annotations, Retrofit retrofit) {
    return answers.responseBodyConverter(type, annotations, retrofit);
  }
}
