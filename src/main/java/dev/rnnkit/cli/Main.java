package dev.rnnkit.cli;
public class Main { public static void main(String[] a) { System.out.println(org.tensorflow.TensorFlow.version()); } }
