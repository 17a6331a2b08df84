#pragma once
// A producer → parallel workers → in-order consumer pipeline on the calling thread. The caller fills batches
// (acquire / submit), worker threads run `work` on them, and finished batches are handed back to the caller
// in submission order (through `deliver`, on the caller's thread), so a consumer that must see items in order
// (a record sink) needs no locking. Used to decode large CSV files on every core. While the caller waits for
// the oldest batch it works on queued ones itself, so workers = cores - 1 keeps every core busy without
// time-sharing one of them.
//
// At most `max_in_flight` batches exist at once (memory stays bounded); they are recycled. With zero workers
// `work` runs inline in submit(): the same code path, single-threaded (tests compare the two).
#include <algorithm>
#include <condition_variable>
#include <cstddef>
#include <deque>
#include <exception>
#include <functional>
#include <memory>
#include <mutex>
#include <thread>
#include <utility>
#include <vector>

namespace hq::core {

template <class Batch>
class OrderedPipeline {
 public:
  using Work = std::function<void(Batch&)>;
  using Deliver = std::function<void(Batch&)>;

  OrderedPipeline(std::size_t workers, std::size_t max_in_flight, Work work, Deliver deliver)
      : work_(std::move(work)), deliver_(std::move(deliver)), max_in_flight_(std::max<std::size_t>(1, max_in_flight)) {
    for (std::size_t i = 0; i < workers; ++i) threads_.emplace_back([this] { run_worker(); });
  }
  ~OrderedPipeline() {
    {
      std::lock_guard lock(mutex_);
      stopping_ = true;
    }
    work_ready_.notify_all();
    for (std::thread& t : threads_) t.join();
  }
  OrderedPipeline(const OrderedPipeline&) = delete;
  OrderedPipeline& operator=(const OrderedPipeline&) = delete;

  // A batch to fill (recycled: the caller resets what it reuses). Delivers finished batches first, and waits
  // for the oldest one when max_in_flight are out.
  Batch& acquire() {
    deliver_finished(false);
    while (slots_in_flight() >= max_in_flight_) deliver_finished(true);
    std::unique_ptr<Slot> slot;
    {
      std::lock_guard lock(mutex_);
      if (!free_.empty()) slot = std::move(free_.back()), free_.pop_back();
    }
    filling_ = slot ? std::move(slot) : std::make_unique<Slot>();
    return filling_->batch;
  }

  // Hands the batch from acquire() to the workers.
  void submit() {
    Slot* slot = filling_.get();
    if (threads_.empty()) {
      run_work(*slot);
      std::lock_guard lock(mutex_);
      slot->state = State::Done;
      slots_.push_back(std::move(filling_));
      return;
    }
    {
      std::lock_guard lock(mutex_);
      slot->state = State::Queued;
      slots_.push_back(std::move(filling_));
    }
    work_ready_.notify_one();
  }

  // Delivers every submitted batch, in order; returns when all are delivered.
  void finish() {
    while (slots_in_flight() > 0) deliver_finished(true);
  }

 private:
  enum class State { Queued, Working, Done };
  struct Slot {
    Batch batch;
    State state = State::Done;
    std::exception_ptr error;
  };

  std::size_t slots_in_flight() {
    std::lock_guard lock(mutex_);
    return slots_.size();
  }

  // Delivers the finished batches at the front; with `wait`, waits for the front one first.
  void deliver_finished(bool wait) {
    for (;;) {
      std::unique_ptr<Slot> slot;
      {
        std::unique_lock lock(mutex_);
        if (wait) wait_for_front(lock);
        if (slots_.empty() || slots_.front()->state != State::Done) return;
        slot = std::move(slots_.front());
        slots_.pop_front();
      }
      wait = false;
      if (slot->error) std::rethrow_exception(std::exchange(slot->error, nullptr));
      deliver_(slot->batch);
      std::lock_guard lock(mutex_);
      free_.push_back(std::move(slot));
    }
  }

  // Until the front batch is done: works on queued batches itself rather than sleeping, so the caller's
  // core is not idle while the workers decode (and there need not be more workers than cores).
  void wait_for_front(std::unique_lock<std::mutex>& lock) {
    while (!slots_.empty() && slots_.front()->state != State::Done) {
      const auto queued = std::find_if(slots_.begin(), slots_.end(), [](auto& s) { return s->state == State::Queued; });
      if (queued == slots_.end()) {
        batch_done_.wait(lock);
        continue;
      }
      Slot& slot = **queued;
      slot.state = State::Working;
      lock.unlock();
      run_work(slot);
      lock.lock();
      slot.state = State::Done;
    }
  }

  void run_work(Slot& slot) {
    try {
      work_(slot.batch);
    } catch (...) {
      slot.error = std::current_exception();
    }
  }

  void run_worker() {
    std::unique_lock lock(mutex_);
    for (;;) {
      Slot* next = nullptr;
      work_ready_.wait(lock, [&] {
        if (stopping_) return true;
        for (auto& s : slots_)
          if (s->state == State::Queued) return next = s.get(), true;
        return false;
      });
      if (!next) return;  // stopping
      next->state = State::Working;
      lock.unlock();
      run_work(*next);
      lock.lock();
      next->state = State::Done;
      batch_done_.notify_one();
    }
  }

  Work work_;
  Deliver deliver_;
  std::size_t max_in_flight_;
  std::mutex mutex_;
  std::condition_variable work_ready_, batch_done_;
  std::deque<std::unique_ptr<Slot>> slots_;  // submitted, oldest first
  std::vector<std::unique_ptr<Slot>> free_;
  std::unique_ptr<Slot> filling_;
  std::vector<std::thread> threads_;
  bool stopping_ = false;
};

}  // namespace hq::core
