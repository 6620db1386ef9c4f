//! Counted work: the steps whose number could grow faster than the register if an index were
//! lost (findings a waiver looks at, nodes visited to locate a finding, activities listed for
//! each document of a folder). Tests count them on
//! registers of two sizes and require linear growth; outside tests counting compiles to nothing.

/// A kind of counted step.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Work {
    /// Findings a waiver examines to see whether it covers them.
    WaiverCandidates,
    /// Nodes visited while looking up the location of a JSON pointer.
    LocationSteps,
    /// Findings the settings are applied to.
    FindingsConfigured,
    /// Activities looked at to list those a document may cover.
    ActivitiesListed,
}

#[cfg(test)]
thread_local! {
    static COUNTS: std::cell::Cell<[usize; 4]> = const { std::cell::Cell::new([0; 4]) };
}

/// Count `n` steps of `work` (on this thread; tests run the check on one thread).
#[inline(always)]
pub(crate) fn count(work: Work, n: usize) {
    #[cfg(test)]
    COUNTS.with(|c| {
        let mut counts = c.get();
        counts[work as usize] += n;
        c.set(counts);
    });
    #[cfg(not(test))]
    let _ = (work, n);
}

/// The steps counted on this thread since the last call, and reset them.
#[cfg(test)]
pub(crate) fn take(work: Work) -> usize {
    COUNTS.with(|c| {
        let mut counts = c.get();
        let n = counts[work as usize];
        counts[work as usize] = 0;
        c.set(counts);
        n
    })
}
