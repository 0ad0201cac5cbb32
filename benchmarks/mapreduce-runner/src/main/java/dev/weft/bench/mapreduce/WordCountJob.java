package dev.weft.bench.mapreduce;

import dev.weft.bench.RunnerArgs;
import java.io.IOException;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.io.LongWritable;
import org.apache.hadoop.io.Text;
import org.apache.hadoop.mapreduce.Job;
import org.apache.hadoop.mapreduce.Mapper;
import org.apache.hadoop.mapreduce.Reducer;
import org.apache.hadoop.mapreduce.lib.input.FileInputFormat;
import org.apache.hadoop.mapreduce.lib.output.FileOutputFormat;

/**
 * Word count as a MapReduce job: the mapper emits each space-separated token with 1, the same
 * summing reducer serves as combiner, and TextOutputFormat writes {@code word<TAB>count}.
 */
final class WordCountJob {
  private WordCountJob() {}

  /** Runs the job over {@code text/}; returns whether it succeeded. */
  static boolean run(Configuration conf, RunnerArgs args)
      throws IOException, InterruptedException, ClassNotFoundException {
    Job job = Job.getInstance(conf, "weft-bench wordcount");
    job.setJarByClass(WordCountJob.class);
    job.setMapperClass(TokenMapper.class);
    job.setCombinerClass(SumReducer.class);
    job.setReducerClass(SumReducer.class);
    job.setOutputKeyClass(Text.class);
    job.setOutputValueClass(LongWritable.class);
    job.setNumReduceTasks(MapReduceRunner.REDUCERS);
    FileInputFormat.addInputPath(job, new Path(args.input("text")));
    FileOutputFormat.setOutputPath(job, new Path(args.output()));
    return job.waitForCompletion(false);
  }

  /** Emits {@code (token, 1)} for each space-separated token of a line. */
  static final class TokenMapper extends Mapper<LongWritable, Text, Text, LongWritable> {
    private static final LongWritable ONE = new LongWritable(1);
    private final Text word = new Text();

    @Override
    protected void map(LongWritable offset, Text line, Context context)
        throws IOException, InterruptedException {
      for (String token : line.toString().split(" ")) {
        word.set(token);
        context.write(word, ONE);
      }
    }
  }

  /** Sums the counts of a word; used as the combiner too. */
  static final class SumReducer extends Reducer<Text, LongWritable, Text, LongWritable> {
    private final LongWritable total = new LongWritable();

    @Override
    protected void reduce(Text word, Iterable<LongWritable> counts, Context context)
        throws IOException, InterruptedException {
      long sum = 0;
      for (LongWritable count : counts) {
        sum += count.get();
      }
      total.set(sum);
      context.write(word, total);
    }
  }
}
