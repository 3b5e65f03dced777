package dev.rnnkit.spark;

import java.util.Map;
import org.apache.spark.SparkContext;
import org.apache.spark.api.plugin.DriverPlugin;
import org.apache.spark.api.plugin.ExecutorPlugin;
import org.apache.spark.api.plugin.PluginContext;
import org.apache.spark.api.plugin.SparkPlugin;

/**
 * Closes the models {@link ExecutorModels} loaded, and deletes their local copies, when an
 * executor (or, in local mode, the driver) stops, rather than only when its JVM exits. Enable it
 * with {@code spark.plugins=dev.rnnkit.spark.ModelCachePlugin}; {@link ScoreJob} does.
 */
public final class ModelCachePlugin implements SparkPlugin {

  @Override
  public DriverPlugin driverPlugin() {
    return new DriverPlugin() {
      @Override
      public Map<String, String> init(SparkContext sc, PluginContext context) {
        return Map.of();
      }

      @Override
      public void shutdown() {
        ExecutorModels.closeAll();
      }
    };
  }

  @Override
  public ExecutorPlugin executorPlugin() {
    return new ExecutorPlugin() {
      @Override
      public void shutdown() {
        ExecutorModels.closeAll();
      }
    };
  }
}
