package io.moraine.logs.logql.ast;

/** One pipeline stage after a stream selector. */
public sealed interface Stage
    permits LineFilter,
        JsonParser,
        LogfmtParser,
        RegexpParser,
        PatternParser,
        UnpackParser,
        LabelFilterStage,
        LineFormat,
        LabelFormat,
        DropLabels,
        KeepLabels,
        Decolorize {}
