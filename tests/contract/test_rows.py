"""pipeline/contract/rows.py: each table's row type says what its pyarrow schema says."""
import datetime as dt
import types
import typing

import pyarrow as pa
import pytest

from pipeline.contract.record import MinutesRecord
from pipeline.contract.rows import ROW_TYPES
from pipeline.contract.schema import ALL_TABLES, PARTITION_COLUMN

SCALARS = {pa.string(): str, pa.int64(): int, pa.int32(): int, pa.bool_(): bool, pa.float64(): float,
           pa.date32(): dt.date}


def _python_type(arrow: pa.DataType):
    if pa.types.is_list(arrow):
        return list[_python_type(arrow.value_type)]
    return SCALARS[arrow]


def _split_optional(hint):
    """(type, nullable) of an annotation such as ``str | None``."""
    if typing.get_origin(hint) in (typing.Union, types.UnionType):
        args = [a for a in typing.get_args(hint) if a is not type(None)]
        assert len(args) == 1, hint
        return args[0], True
    return hint, False


def test_every_table_has_a_row_type():
    assert set(ROW_TYPES) == set(ALL_TABLES)


@pytest.mark.parametrize("table", list(ALL_TABLES))
def test_the_row_type_matches_the_schema_column_for_column(table):
    schema = ALL_TABLES[table]
    hints = typing.get_type_hints(ROW_TYPES[table])
    columns = [f for f in schema if f.name != PARTITION_COLUMN]
    assert list(hints) == [f.name for f in columns]  # same columns, same order
    for f in columns:
        python, nullable = _split_optional(hints[f.name])
        assert python == _python_type(f.type), f"{table}.{f.name}: {python} vs {f.type}"
        assert nullable == f.nullable, f"{table}.{f.name}: nullable {nullable} vs {f.nullable}"


def test_the_record_names_its_rows_by_these_types():
    hints = typing.get_type_hints(MinutesRecord)
    assert hints["document"] is ROW_TYPES["documents"]
    for table in ALL_TABLES:
        if table in hints:
            assert hints[table] == list[ROW_TYPES[table]], table
