//! Work on several threads with results in input order: documents are gathered in batches,
//! each batch coded in parallel (one parser scratch space per thread), and the results handed
//! on in the order the documents came.
//!
//! Output is byte-identical whatever the number of threads, because every result is made
//! from its own document alone and handed on in input order; memory is bounded by one batch.
//! With one thread nothing is batched: each document is coded as it arrives. This module
//! only schedules; it must never look at what a document or a result holds.

use anyhow::Result;
use dyad_nlp::Scratch;

/// Documents per thread in one batch: enough that a slow document rarely holds the others
/// up, few enough that memory stays small.
const PER_THREAD: usize = 32;

/// The default `--threads`: every core the process may use.
pub fn default_threads() -> usize {
    std::thread::available_parallelism().map_or(1, |n| n.get())
}

/// Runs `work` over pushed items on a pool of threads and hands the results to a sink in
/// push order.
pub struct InOrder<'w, T, R> {
    pool: Option<rayon::ThreadPool>,
    batch: Vec<T>,
    capacity: usize,
    scratch: Scratch,
    work: &'w (dyn Fn(&mut Scratch, T) -> R + Sync),
}

impl<'w, T: Send, R: Send> InOrder<'w, T, R> {
    /// `threads` workers (0 means [`default_threads`]) running `work`.
    pub fn new(threads: usize, work: &'w (dyn Fn(&mut Scratch, T) -> R + Sync)) -> Result<Self> {
        let threads = if threads == 0 {
            default_threads()
        } else {
            threads
        };
        let pool = if threads > 1 {
            Some(
                rayon::ThreadPoolBuilder::new()
                    .num_threads(threads)
                    .thread_name(|i| format!("dyad-worker-{i}"))
                    .build()?,
            )
        } else {
            None
        };
        Ok(InOrder {
            pool,
            batch: Vec::new(),
            capacity: threads * PER_THREAD,
            scratch: Scratch::default(),
            work,
        })
    }

    /// The number of threads working.
    pub fn threads(&self) -> usize {
        self.pool
            .as_ref()
            .map_or(1, rayon::ThreadPool::current_num_threads)
    }

    /// Add one item; when a batch is full it is worked through and its results handed to
    /// `sink`, in order.
    pub fn push(&mut self, item: T, sink: &mut dyn FnMut(R) -> Result<()>) -> Result<()> {
        if self.pool.is_none() {
            return sink((self.work)(&mut self.scratch, item));
        }
        self.batch.push(item);
        if self.batch.len() >= self.capacity {
            self.flush(sink)?;
        }
        Ok(())
    }

    /// Work through what is left.
    pub fn finish(&mut self, sink: &mut dyn FnMut(R) -> Result<()>) -> Result<()> {
        self.flush(sink)
    }

    fn flush(&mut self, sink: &mut dyn FnMut(R) -> Result<()>) -> Result<()> {
        // Without a pool `push` worked each item at once, so there is no batch.
        let Some(pool) = &self.pool else {
            return Ok(());
        };
        let items = std::mem::take(&mut self.batch);
        let work = self.work;
        let results: Vec<R> = pool.install(|| {
            use rayon::prelude::*;
            items
                .into_par_iter()
                .with_min_len(1)
                .map_init(Scratch::default, |scratch, t| work(scratch, t))
                .collect()
        });
        for r in results {
            sink(r)?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(threads: usize, n: usize) -> Vec<usize> {
        let work = |_: &mut Scratch, i: usize| {
            // Uneven work, so later items often finish first.
            std::thread::sleep(std::time::Duration::from_micros(((n - i) % 7) as u64 * 50));
            i * 10
        };
        let mut pool = InOrder::new(threads, &work).expect("a pool");
        let mut out = Vec::new();
        let mut sink = |r: usize| {
            out.push(r);
            Ok(())
        };
        for i in 0..n {
            pool.push(i, &mut sink).expect("pushed");
        }
        pool.finish(&mut sink).expect("finished");
        out
    }

    #[test]
    fn results_come_in_input_order_whatever_the_threads() {
        let one = run(1, 300);
        assert_eq!(one, (0..300).map(|i| i * 10).collect::<Vec<_>>());
        assert_eq!(run(2, 300), one);
        assert_eq!(run(4, 300), one);
        assert_eq!(run(3, 0), Vec::<usize>::new());
    }
}
