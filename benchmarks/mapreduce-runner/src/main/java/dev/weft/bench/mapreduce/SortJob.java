package dev.weft.bench.mapreduce;

import dev.weft.bench.RunnerArgs;
import java.io.IOException;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.io.NullWritable;
import org.apache.hadoop.io.Text;
import org.apache.hadoop.mapreduce.Job;
import org.apache.hadoop.mapreduce.Mapper;
import org.apache.hadoop.mapreduce.Reducer;
import org.apache.hadoop.mapreduce.lib.input.FileInputFormat;
import org.apache.hadoop.mapreduce.lib.input.KeyValueTextInputFormat;
import org.apache.hadoop.mapreduce.lib.output.FileOutputFormat;
import org.apache.hadoop.mapreduce.lib.partition.InputSampler;
import org.apache.hadoop.mapreduce.lib.partition.TotalOrderPartitioner;

/**
 * The total-order sort of the 100-byte records as a MapReduce job: split points sampled from the
 * input by {@link InputSampler}, {@link TotalOrderPartitioner} sending each key range to its own
 * reducer, so the part files {@code part-r-00000, part-r-00001, ...} come out in key order.
 *
 * <p>The map key is the whole line: the records hold no tab, so {@link KeyValueTextInputFormat}
 * reads each line as a key (which is what the sampler samples) with an empty value. Ordering whole
 * lines by their bytes orders them by their 10-byte key first; records with equal keys may come in
 * any order.
 */
final class SortJob {
  private static final double SAMPLE_FREQUENCY = 0.01;
  private static final int MAX_SAMPLES = 10_000;
  private static final int MAX_SPLITS_SAMPLED = 10;

  private SortJob() {}

  /** Runs the job over {@code sort/}; returns whether it succeeded. */
  static boolean run(Configuration conf, RunnerArgs args)
      throws IOException, InterruptedException, ClassNotFoundException {
    Job job = Job.getInstance(conf, "weft-bench sort");
    job.setJarByClass(SortJob.class);
    job.setInputFormatClass(KeyValueTextInputFormat.class);
    job.setMapperClass(LineMapper.class);
    job.setReducerClass(LineReducer.class);
    job.setOutputKeyClass(Text.class);
    job.setOutputValueClass(NullWritable.class);
    job.setNumReduceTasks(MapReduceRunner.REDUCERS);
    job.setPartitionerClass(TotalOrderPartitioner.class);
    FileInputFormat.addInputPath(job, new Path(args.input("sort")));
    FileOutputFormat.setOutputPath(job, new Path(args.output()));

    // The split points live next to the output, not in it: the output dir must not exist yet.
    Path partitionFile = new Path(args.output() + ".partitions");
    FileSystem fs = partitionFile.getFileSystem(job.getConfiguration());
    TotalOrderPartitioner.setPartitionFile(job.getConfiguration(), partitionFile);
    try {
      InputSampler.writePartitionFile(
          job,
          new InputSampler.RandomSampler<Text, Text>(
              SAMPLE_FREQUENCY, MAX_SAMPLES, MAX_SPLITS_SAMPLED));
      return job.waitForCompletion(false);
    } finally {
      fs.delete(partitionFile, false);
    }
  }

  /** Passes each line on as the key. */
  static final class LineMapper extends Mapper<Text, Text, Text, NullWritable> {
    @Override
    protected void map(Text line, Text empty, Context context)
        throws IOException, InterruptedException {
      context.write(line, NullWritable.get());
    }
  }

  /**
   * Writes each line once per occurrence; a NullWritable value makes TextOutputFormat write the
   * line alone.
   */
  static final class LineReducer extends Reducer<Text, NullWritable, Text, NullWritable> {
    @Override
    protected void reduce(Text line, Iterable<NullWritable> occurrences, Context context)
        throws IOException, InterruptedException {
      for (NullWritable ignored : occurrences) {
        context.write(line, NullWritable.get());
      }
    }
  }
}
