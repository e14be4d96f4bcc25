// Bull v3 (OptimalBits/bull) driving its lib/commands/*.lua through its own Queue and Job API,
// with no worker loop (no blocking BRPOPLPUSH): jobs added (plain, named, prioritized, delayed,
// LIFO, custom ids), taken with queue.moveToActive, progress, logs, data updated, completed and
// failed by hand, retried, promoted, removed, the queue paused, resumed, cleaned, emptied,
// obliterated (not removeJobs: its replies hold SCAN cursors, which follow the server's hash
// table). Prints each answer; run by redis_suites.py with REDIS_URL and NODE_PATH set.
const Queue = require('bull');

const out = (...words) => console.log(words.map((w) => JSON.stringify(w)).join(' '));
const brief = (job) => job && [job.id, job.name, job.data, job.opts.priority || 0, job.attemptsMade];

async function main() {
  const queue = new Queue('q', process.env.REDIS_URL, { settings: { lockDuration: 3600000 } });
  await queue.isReady();
  const jobs = [];
  jobs.push(await queue.add({ n: 1 }));
  jobs.push(await queue.add('email', { n: 2 }, { attempts: 2 }));
  jobs.push(await queue.add({ n: 3 }, { priority: 5 }));
  jobs.push(await queue.add({ n: 4 }, { priority: 1 }));
  jobs.push(await queue.add({ n: 5 }, { lifo: true }));
  jobs.push(await queue.add({ n: 6 }, { delay: 3600000 }));
  jobs.push(await queue.add({ n: 7 }, { jobId: 'custom' }));
  jobs.push(await queue.add({ n: 8 }, { jobId: 'custom' }));
  out('added', jobs.map(brief));
  out('counts', await queue.getJobCounts());
  out('per priority', await queue.getCountsPerPriority([0, 1, 5]).catch((e) => e.message));
  out('waiting', (await queue.getWaiting()).map((j) => j.id));
  out('delayed', (await queue.getDelayed()).map((j) => j.id));
  const first = await queue.moveToActive();
  out('active', brief(first));
  await first.progress(50);
  await first.log('half way');
  await first.update({ n: 1, touched: true });
  out('logs', await queue.getJobLogs(first.id));
  out('lock', await first.extendLock(3600000));
  await first.moveToCompleted('done', true, true);
  out('completed', await first.isCompleted(), await first.getState());
  const second = await queue.moveToActive();
  out('active 2', brief(second));
  await second.moveToFailed({ message: 'boom' }, true);
  out('lock released', await second.releaseLock());
  out('failed', await second.getState(), (await queue.getJob(second.id)).failedReason);
  const again = await queue.getJob(second.id);
  await again.retry();
  out('retried', await again.getState());
  await jobs[5].promote();
  out('promoted', await jobs[5].getState());
  out('counts 2', await queue.getJobCounts());
  await jobs[6].remove();
  out('removed custom', await queue.getJob('custom'));
  await queue.pause();
  out('paused', await queue.isPaused(), await queue.getJobCounts());
  await queue.resume();
  out('resumed', await queue.isPaused(), await queue.getJobCounts());
  out('clean completed', await queue.clean(0, 'completed'));
  out('clean failed', await queue.clean(0, 'failed'));
  await queue.empty();
  out('emptied', await queue.getJobCounts());
  await queue.add({ n: 9 });
  await queue.obliterate({ force: true });
  out('obliterated', await queue.getJobCounts());
  await queue.close();
}

main().catch((e) => { out('error', e.message); process.exit(1); });
