//! CPU-bound batch work (bcrypt, key generation, signing) spread over every core.

use crate::error::Result;

/// `f` applied to every item, on all cores, results in the order of `items`.
pub fn map<T: Sync, U: Send>(items: &[T], f: impl Fn(&T) -> Result<U> + Sync) -> Result<Vec<U>> {
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get());
    let chunk = items.len().div_ceil(threads).max(1);
    std::thread::scope(|scope| {
        let handles: Vec<_> = items
            .chunks(chunk)
            .map(|part| scope.spawn(|| part.iter().map(&f).collect::<Result<Vec<_>>>()))
            .collect();
        let mut all = Vec::with_capacity(items.len());
        for handle in handles {
            all.extend(handle.join().expect("worker thread panicked")?);
        }
        Ok(all)
    })
}

#[cfg(test)]
mod tests {
    #[test]
    fn keeps_order_and_reports_errors() {
        let items: Vec<u32> = (0..1000).collect();
        let doubled = super::map(&items, |i| Ok(i * 2)).unwrap();
        assert_eq!(doubled, items.iter().map(|i| i * 2).collect::<Vec<_>>());
        let failed = super::map(&items, |i| {
            if *i == 777 {
                Err(crate::Error::InvalidInput("777".into()))
            } else {
                Ok(*i)
            }
        });
        assert!(failed.is_err());
    }
}
