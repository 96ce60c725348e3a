"""Scale: streaming inputs (folders, sharded JSON Lines, Parquet) and the Dask engine.

``inputs.read_inputs`` is what ``proxygraph build`` reads; ``dask_engine.run`` maps
extraction over partitions on a Dask cluster (``--engine dask``). See docs/scale.md.
"""

from proxygraph.scale.inputs import read_inputs

__all__ = ["read_inputs"]
