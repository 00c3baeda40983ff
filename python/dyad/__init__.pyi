import datetime
from typing import Any, Dict, List, Optional, Union

import pyarrow

def code(
    text: str,
    date: Optional[Union[str, datetime.date]] = None,
    id: Optional[str] = None,
    html: bool = False,
) -> List[Dict[str, Any]]: ...
def code_arrow(
    documents: Union[pyarrow.RecordBatch, pyarrow.Table], threads: int = 0
) -> pyarrow.RecordBatch: ...
def event_arrow_schema() -> pyarrow.Schema: ...
