package dev.rnnkit.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectReader;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonTest {

  @Test
  void filesForPeopleAreIndentedAsRnnkitAlwaysWroteThem() throws JsonProcessingException {
    Map<String, Object> metrics = new LinkedHashMap<>();
    metrics.put("epochs", 2);
    metrics.put("loss", List.of(0.5, 0.25));
    assertEquals("{\n  \"epochs\" : 2,\n  \"loss\" : [ 0.5, 0.25 ]\n}",
        Json.prettyWriter().writeValueAsString(metrics).replace(System.lineSeparator(), "\n"));
    assertEquals("{\"epochs\":2,\"loss\":[0.5,0.25]}", Json.writer().writeValueAsString(metrics));
  }

  @Test
  void aCallersStricterReaderChangesNoOtherReader() throws JsonProcessingException {
    ObjectReader strict = Json.reader().with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    assertThrows(JsonProcessingException.class, () -> strict.readTree("[1] [2]"));
    assertEquals(Json.tree(List.of(1)), Json.reader().readTree("[1] [2]"));
  }
}
