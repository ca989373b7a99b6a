<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="en" sourcelanguage="en">
<context>
    <name>FlowLegendWidget</name>
    <message numerus="yes">
        <source>gradient stops here: %n input(s)</source>
        <translation>
            <numerusform>gradient stops here: %n input</numerusform>
            <numerusform>gradient stops here: %n inputs</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>GradCheckPanel</name>
    <message numerus="yes">
        <source>%n input(s) and weights</source>
        <translation>
            <numerusform>%n input and weights</numerusform>
            <numerusform>%n inputs and weights</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>PyTorch {0} disagrees on %n value(s)</source>
        <translation>
            <numerusform>PyTorch {0} disagrees on %n value</numerusform>
            <numerusform>PyTorch {0} disagrees on %n values</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>GraphScene</name>
    <message numerus="yes">
        <source>output of {0}: feeds %n input(s)</source>
        <extracomment>Above this many nodes the editor's scene keeps items only for what is on screen. Up to this many nodes, two nodes never show the same name (the check reads them all).</extracomment>
        <translation>
            <numerusform>output of {0}: feeds %n input</numerusform>
            <numerusform>output of {0}: feeds %n inputs</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Wording</name>
    <message numerus="yes">
        <source>%n node(s)</source>
        <translation>
            <numerusform>%n node</numerusform>
            <numerusform>%n nodes</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n edge(s)</source>
        <translation>
            <numerusform>%n edge</numerusform>
            <numerusform>%n edges</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n selected node(s)</source>
        <translation>
            <numerusform>%n selected node</numerusform>
            <numerusform>%n selected nodes</numerusform>
        </translation>
    </message>
</context>
</TS>