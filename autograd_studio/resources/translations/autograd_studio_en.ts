<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="en" sourcelanguage="en">
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